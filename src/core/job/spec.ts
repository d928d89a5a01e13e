/**
 * Validating the job form (docs/SPEC.md, every mode): raw strings in, a {@link JobSpec} or the list of problems
 * out, at most one per field, so that the form can show them all at once. Only the fields the mode uses are checked.
 */
import { normalizeCssColor } from '../sheet/colors';
import { InvalidParameterError } from './errors';
import { MAX_SIDE_PX, MIN_SIDE_PX, cellSize, isPortrait, resolveOutputSize, type Size } from '../output/geometry';
import { HDR_MODES } from '../color/hdr/convert';
import { DEFAULT_DEINTERLACE, DEINTERLACE_MODES } from '../deinterlace/decision';
import { planSampleTimes } from '../timeline/sampling';
import { animationTooLarge, checkAnimation } from '../output/animationSpec';
import { DEFAULT_TIMESTAMP_POSITION, TIMESTAMP_POSITIONS } from '../sheet/sheetText';
import { checkSpriteLayout } from '../sheet/spriteLayout';
import { parseFieldTime, parseOffsets } from '../timeline/time';
import { DEFAULT_CUT_THRESHOLD, DEFAULT_SHOT_OFFSET_MS } from '../analysis/shots';
import type {
  AnimationParams,
  Fit,
  FrameType,
  DeinterlaceMode,
  HdrMode,
  ImageFormat,
  JobMode,
  JobSpec,
  OutputSpec,
  SampleParams,
  ShotParams,
  SourceInfo,
  SpriteParams,
  TimestampPosition,
} from './types';
import { trickplayProblems } from '../trickplay/limits';
import type { TrickplayFormat } from '../trickplay/formats';
import { utf8ByteLength } from './utf8';

/** Image quality when the field is left empty (SPEC "Output geometry and format"). */
export const DEFAULT_QUALITY = 85;
/** Largest `userData`, bytes of UTF-8 (SPEC "Jobs": any JSON up to 64 KB; Alibaba `UserData`). */
export const MAX_USER_DATA_BYTES = 65536;
/** Interval when the field is left empty, seconds (Alibaba SubmitSnapshotJob `Interval` default 1). */
export const DEFAULT_INTERVAL_SEC = 1;
/** Columns and lines when left empty (10 × 10 sheets, as seek previews use). */
export const DEFAULT_GRID = 10;
/** Sheet background when left empty. */
export const DEFAULT_COLOR = 'black';

/**
 * What the user typed in the job form: raw strings, checkbox booleans and select values.
 * - `offsetsText`: times for mode `offsets` (core/timeline/time.ts `parseOffsets`).
 * - `start`: a time in any SPEC format (`0`, `1.5s`, `0:05`, `10%`); empty = 0.
 * - `interval`: seconds (`2`, `0.5`, `2s`, `0`), empty = 1 (Alibaba's default); or a percentage `10%`, Tencent's
 *   percent sampling.
 * - `count`: whole ≥ 1; empty = as many as fit.
 * - `width`/`height`: px in [8, 4096] (a trailing `px` is allowed); empty = not given.
 * - `quality`: whole in [1, 100]; empty = 85.
 * - `cellWidth`/`cellHeight`: px in [8, 4096]; both empty = 160 px wide, height from the aspect ratio.
 * - `columns`/`lines`: whole ≥ 1, empty = 10; `padding`/`margin`: px ≥ 0, empty = 0.
 * - `color`: CSS colour name or `#rgb` / `#rrggbb`; empty = black.
 * - `header`, `timestamps`, `timestampPosition`, `fixedSheetSize`: sprite mode's contact-sheet options.
 * - `animation`, `animationFps`, `animationWidth`: "Animated preview" of sample and sprite jobs (core/output/animationSpec.ts).
 * - `trickplay`: the trickplay formats to write (core/trickplay), modes sample and sprite; empty = none.
 * - `userDataText`: JSON up to 64 KB; empty = none.
 * - `hdr`: for HDR sources, the tone-mapping operator (`hable`, `reinhard`, `bt2390`) or `off`; default `hable`.
 * - `deinterlace`: `auto` (sources read as interlaced), `on` or `off` (core/deinterlace/decision.ts); default `auto`.
 */
export interface SpecInput {
  mode: JobMode;
  offsetsText: string;
  start: string;
  interval: string;
  count: string;
  width: string;
  height: string;
  fit: Fit;
  resolutionAdaptive: boolean;
  format: ImageFormat;
  quality: string;
  frameType: FrameType;
  hdr: HdrMode;
  deinterlace: DeinterlaceMode;
  cellWidth: string;
  cellHeight: string;
  columns: string;
  lines: string;
  padding: string;
  margin: string;
  color: string;
  keepCells: boolean;
  webvtt: boolean;
  header: boolean;
  timestamps: boolean;
  timestampPosition: TimestampPosition;
  fixedSheetSize: boolean;
  animation: boolean;
  animationFps: string;
  animationWidth: string;
  trickplay: TrickplayFormat[];
  userDataText: string;
  // Frame quality and mode shots:
  /** "Avoid dark or blurry frames" (every mode; off by default). */
  avoidBadFrames: boolean;
  /** Mode `shots`: cut threshold, ffmpeg scdet score 0-100 (decimals allowed); empty = 10. */
  cutThreshold: string;
  /** Mode `shots`: which frame of each shot is taken. */
  shotPick: ShotParams['pick'];
  /** Mode `shots`, pick `start`: offset after the shot's first frame, a time (`500`, `0.5s`); empty = 500 ms. */
  shotOffset: string;
  /** Mode `shots`: one contact sheet of the shots (the sprite fields) instead of one image per shot. */
  shotSheet: boolean;
}

/** The form as a newcomer finds it: mode `offsets`, every text empty (its default), jpg at 85, WebVTT on. */
export const DEFAULT_SPEC_INPUT: SpecInput = {
  mode: 'offsets',
  offsetsText: '',
  start: '',
  interval: '',
  count: '',
  width: '',
  height: '',
  fit: 'black',
  resolutionAdaptive: false,
  format: 'jpg',
  quality: String(DEFAULT_QUALITY),
  frameType: 'accurate',
  hdr: 'hable',
  deinterlace: DEFAULT_DEINTERLACE,
  cellWidth: '',
  cellHeight: '',
  columns: '',
  lines: '',
  padding: '',
  margin: '',
  color: '',
  keepCells: false,
  webvtt: true,
  header: false,
  timestamps: false,
  timestampPosition: DEFAULT_TIMESTAMP_POSITION,
  fixedSheetSize: false,
  animation: false,
  animationFps: '',
  animationWidth: '',
  trickplay: [],
  userDataText: '',
  avoidBadFrames: false,
  cutThreshold: '',
  shotPick: 'start',
  shotOffset: '',
  shotSheet: false,
};

/**
 * One field's problem, as a sentence a user can act on. `field` is the form field to mark; `sheet` is reserved for a
 * problem of the whole sprite sheet that no single field owns (checkJobSpec itself reports sheet sizes on
 * `columns` / `lines`).
 */
export interface FieldProblem {
  field: keyof SpecInput | 'sheet';
  message: string;
}

/** Form order: problems are listed in it. */
const FIELD_ORDER: readonly FieldProblem['field'][] = [
  'mode',
  'offsetsText',
  'start',
  'interval',
  'count',
  'width',
  'height',
  'fit',
  'resolutionAdaptive',
  'format',
  'quality',
  'frameType',
  'hdr',
  'deinterlace',
  'cellWidth',
  'cellHeight',
  'columns',
  'lines',
  'padding',
  'margin',
  'color',
  'sheet',
  'keepCells',
  'webvtt',
  'header',
  'timestamps',
  'timestampPosition',
  'fixedSheetSize',
  'animation',
  'animationFps',
  'animationWidth',
  'trickplay',
  'userDataText',
  'avoidBadFrames',
  'cutThreshold',
  'shotPick',
  'shotOffset',
  'shotSheet',
];

const MODES: readonly JobMode[] = ['offsets', 'sample', 'sprite', 'shots'];
const SHOT_PICKS: readonly ShotParams['pick'][] = ['start', 'middle', 'sharpest'];
const FITS: readonly Fit[] = ['black', 'white', 'gauss', 'stretch'];
const FORMATS: readonly ImageFormat[] = ['jpg', 'png', 'webp'];
const FRAME_TYPES: readonly SpecInput['frameType'][] = ['accurate', 'keyframe'];

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** Collects problems; `value` returns a check's value, or records its problem and returns undefined. */
class Problems {
  readonly list: FieldProblem[] = [];
  add(field: FieldProblem['field'], message: string): void {
    if (!this.list.some((p) => p.field === field)) this.list.push({ field, message });
  }
  value<T>(field: FieldProblem['field'], check: Check<T>): T | undefined {
    if (check.ok) return check.value;
    this.add(field, check.message);
    return undefined;
  }
  /** Runs `fn`; an InvalidParameterError becomes a problem on its field (or `fallback` when not a form field). */
  catch<T>(fallback: FieldProblem['field'], fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof InvalidParameterError)) throw error;
      const field = FIELD_ORDER.find((f) => f === error.field) ?? fallback;
      this.add(field, error.message);
      return undefined;
    }
  }
  sorted(): FieldProblem[] {
    return [...this.list].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  }
}

/** Reads an optional whole number in [min, max]; `px` is accepted after pixel sizes. */
function checkWholeNumber(text: string, rule: string, min: number, max: number, px: boolean): Check<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const match = (px ? /^([+-]?\d+)\s*(?:px)?$/i : /^([+-]?\d+)$/).exec(trimmed);
  const quoted = JSON.stringify(trimmed);
  if (!match?.[1]) return { ok: false, message: `${rule}; ${quoted} is not.` };
  const value = Number(match[1]);
  if (value < min) return { ok: false, message: `${rule}; ${quoted} is too small.` };
  if (value > max) return { ok: false, message: `${rule}; ${quoted} is too large.` };
  return { ok: true, value };
}

const sideRule = (label: string): string => `${label} must be a whole number of pixels from ${MIN_SIDE_PX} to ${MAX_SIDE_PX}`;

/** A cut file's declared duration, ms: its times past the data are skipped with the reason, not refused. */
function cutFileBound(source: SourceInfo): number | undefined {
  const check = source.headerCheck;
  return check && check.dataEndMs !== null ? check.declaredDurationMs : undefined;
}

function checkOffsets(text: string, durationMs: number, boundMs?: number): Check<number[]> {
  try {
    const times = parseOffsets(text, durationMs, boundMs);
    return { ok: true, value: [...new Set(times)].sort((a, b) => a - b) };
  } catch (error) {
    if (error instanceof InvalidParameterError) return { ok: false, message: error.message };
    throw error;
  }
}

function checkUserData(text: string): Check<{ present: boolean; value: unknown }> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: { present: false, value: undefined } };
  const bytes = utf8ByteLength(trimmed);
  if (bytes > MAX_USER_DATA_BYTES) {
    return {
      ok: false,
      message: `User data must be at most 64 KB (${MAX_USER_DATA_BYTES} bytes as UTF-8); this is ${bytes} bytes. Shorten it.`,
    };
  }
  try {
    return { ok: true, value: { present: true, value: JSON.parse(trimmed) as unknown } };
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message.replace(/\.$/, '')})` : '';
    return { ok: false, message: `User data must be valid JSON, such as {"localId": "abc"}${reason}.` };
  }
}

const INTERVAL = /^([+-]?)(\d+(?:\.\d+)?|\.\d+)\s*(s|%)?$/i;

/** Reads the interval field: seconds (empty = 1) or a percentage. Ranges are left to planSampleTimes. */
function checkInterval(text: string): Check<Pick<SampleParams, 'intervalSec' | 'percent'>> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: { intervalSec: DEFAULT_INTERVAL_SEC, percent: null } };
  const match = INTERVAL.exec(trimmed);
  if (!match?.[2]) {
    return {
      ok: false,
      message:
        `Interval must be a number of seconds (2, 0.5, or 0 to spread the count evenly) or a percentage of the ` +
        `duration (10%); ${JSON.stringify(trimmed)} is not.`,
    };
  }
  const value = Number(`${match[1] ?? ''}${match[2]}`);
  return { ok: true, value: match[3] === '%' ? { intervalSec: 0, percent: value } : { intervalSec: value, percent: null } };
}

/** Checks start, interval and count, then plans the times (SPEC "Times", sample rules). */
function checkSampling(
  input: SpecInput,
  durationMs: number,
  problems: Problems,
): { sampling: SampleParams; timesMs: number[] } | undefined {
  const start = problems.catch('start', () => (input.start.trim() === '' ? 0 : parseFieldTime('start', 'Start', input.start, durationMs)));
  const interval = problems.value('interval', checkInterval(input.interval));
  const countRule = 'Count must be a whole number of at least 1 (empty means as many as fit)';
  const count = problems.value('count', checkWholeNumber(input.count, countRule, 1, Number.MAX_SAFE_INTEGER, false));
  if (start === undefined || interval === undefined || count === undefined) return undefined;
  const sampling: SampleParams = { startMs: start, ...interval, count };
  const timesMs = problems.catch('interval', () => planSampleTimes(sampling, durationMs));
  return timesMs && { sampling, timesMs };
}

/**
 * Records a problem when exactly one side was given (or the default cell width applies) and the side following the
 * aspect ratio falls outside [8, 4096] px (below 8 only when `checkMin`). Sides are named as the user typed them: with
 * resolutionAdaptive on a portrait video, the typed width is the output height.
 */
function followerProblem(
  source: Size,
  typed: { width: number | null; height: number | null },
  size: Size,
  adaptive: boolean,
  names: { width: keyof SpecInput; height: keyof SpecInput; label: string; defaultWidth: boolean; checkMin: boolean },
  problems: Problems,
): void {
  const swapped = adaptive && isPortrait(source) && !names.defaultWidth;
  const actual = { width: swapped ? size.height : size.width, height: swapped ? size.width : size.height };
  const givenKey = typed.width !== null || names.defaultWidth ? 'width' : typed.height !== null ? 'height' : null;
  if (givenKey === null || (typed.width !== null && typed.height !== null)) return;
  const derivedKey = givenKey === 'width' ? 'height' : 'width';
  const derived = actual[derivedKey];
  const tooLarge = derived > MAX_SIDE_PX;
  if (!tooLarge && !(names.checkMin && derived < MIN_SIDE_PX)) return;
  const label = (key: 'width' | 'height'): string => `${names.label}${key}`;
  const given = names.defaultWidth ? `the default ${label('width')}` : `a ${label(givenKey)}`;
  const bound = tooLarge ? `above ${MAX_SIDE_PX}` : `below ${MIN_SIDE_PX}`;
  problems.add(
    names[givenKey],
    `With ${given} of ${actual[givenKey]} px, the ${label(derivedKey)} follows the video's aspect ratio ` +
      `(${source.width}×${source.height}) and would be ${derived} px, ${bound}. ` +
      `Use a ${tooLarge ? 'smaller' : 'larger'} ${label(givenKey)}, or also set the ${label(derivedKey)}.`,
  );
}

/** Width/height of modes offsets and sample: resolved as resolveOutputSize, follower at most 4096 px. */
function checkOutputSize(input: SpecInput, source: SourceInfo, problems: Problems): Size | undefined {
  const width = problems.value('width', checkWholeNumber(input.width, sideRule('Width'), MIN_SIDE_PX, MAX_SIDE_PX, true));
  const height = problems.value('height', checkWholeNumber(input.height, sideRule('Height'), MIN_SIDE_PX, MAX_SIDE_PX, true));
  if (width === undefined || height === undefined) return undefined;
  const size = resolveOutputSize(source, width, height, input.resolutionAdaptive);
  const before = problems.list.length;
  const names = { width: 'width', height: 'height', label: '', defaultWidth: false, checkMin: false } as const;
  followerProblem(source, { width, height }, size, input.resolutionAdaptive, names, problems);
  return problems.list.length === before ? size : undefined;
}

/** Reads an optional whole-number field of the form, recording its problem. */
function wholeField(
  input: SpecInput,
  problems: Problems,
  field: 'cellWidth' | 'cellHeight' | 'columns' | 'lines' | 'padding' | 'margin',
  rule: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | null | undefined {
  const px = field !== 'columns' && field !== 'lines';
  return problems.value(field, checkWholeNumber(input[field], rule, min, max, px));
}

/** The cell size: typed sides in [8, 4096], the default or following side in [8, 4096] too. */
function checkCell(input: SpecInput, source: SourceInfo, problems: Problems): Size | undefined {
  const width = wholeField(input, problems, 'cellWidth', sideRule('Cell width'), MIN_SIDE_PX, MAX_SIDE_PX);
  const height = wholeField(input, problems, 'cellHeight', sideRule('Cell height'), MIN_SIDE_PX, MAX_SIDE_PX);
  if (width === undefined || height === undefined) return undefined;
  const size = cellSize(source, width, height, input.resolutionAdaptive);
  const before = problems.list.length;
  const defaultWidth = width === null && height === null;
  const names = { width: 'cellWidth', height: 'cellHeight', label: 'cell ', defaultWidth, checkMin: true } as const;
  followerProblem(source, { width, height }, size, input.resolutionAdaptive, names, problems);
  return problems.list.length === before ? size : undefined;
}

/** The sprite fields: cell size, grid, colour, then the sheet size (checkSpriteLayout). */
function checkSprite(input: SpecInput, source: SourceInfo, problems: Problems): SpriteParams | undefined {
  const cell = checkCell(input, source, problems);
  const gridRule = (label: string): string => `${label} must be a whole number of at least 1 (empty means ${DEFAULT_GRID})`;
  const gapRule = (label: string): string => `${label} must be a whole number of pixels, 0 or more (empty means 0)`;
  const columns = wholeField(input, problems, 'columns', gridRule('Columns'), 1);
  const lines = wholeField(input, problems, 'lines', gridRule('Lines'), 1);
  const padding = wholeField(input, problems, 'padding', gapRule('Padding'), 0);
  const margin = wholeField(input, problems, 'margin', gapRule('Margin'), 0);
  const color = input.color.trim() === '' ? DEFAULT_COLOR : normalizeCssColor(input.color);
  if (color === null) {
    problems.add(
      'color',
      'Background must be a CSS colour name (black, white, navy…) or a hex colour (#000, #1e90ff); ' +
        `${JSON.stringify(input.color.trim())} is not.`,
    );
  }
  if (!cell || columns === undefined || lines === undefined || padding === undefined || margin === undefined || !color) {
    return undefined;
  }
  const sprite: SpriteParams = {
    cellWidth: cell.width,
    cellHeight: cell.height,
    columns: columns ?? DEFAULT_GRID,
    lines: lines ?? DEFAULT_GRID,
    padding: padding ?? 0,
    margin: margin ?? 0,
    color,
    keepCells: input.keepCells,
    webvtt: input.webvtt,
    header: input.header,
    timestamps: input.timestamps,
    timestampPosition: input.timestampPosition,
    fixedSheetSize: input.fixedSheetSize,
  };
  const layoutOk = problems.catch('sheet', () => (checkSpriteLayout(sprite), true));
  return layoutOk ? sprite : undefined;
}

/** Mode shots: threshold 0-100 and the offset of the `start` pick. */
function checkShots(input: SpecInput, durationMs: number, problems: Problems): ShotParams | undefined {
  const text = input.cutThreshold.trim();
  const value = text === '' ? DEFAULT_CUT_THRESHOLD : Number(text);
  if (!(text === '' || /^\d+(?:\.\d+)?$|^\.\d+$/.test(text)) || !(value >= 0 && value <= 100)) {
    problems.add(
      'cutThreshold',
      `Cut threshold must be a number from 0 to 100 (the scdet score; empty means ${DEFAULT_CUT_THRESHOLD}); ${JSON.stringify(text)} is not.`,
    );
  }
  checkChoice(problems, 'shotPick', 'Shot frame', input.shotPick, SHOT_PICKS);
  const offsetMs = problems.catch('shotOffset', () =>
    input.shotOffset.trim() === '' ? DEFAULT_SHOT_OFFSET_MS : parseFieldTime('shotOffset', 'Shot offset', input.shotOffset, durationMs),
  );
  if (offsetMs === undefined || problems.list.some((p) => p.field === 'cutThreshold' || p.field === 'shotPick')) return undefined;
  return { threshold: value, pick: input.shotPick, offsetMs };
}

function checkChoice<T extends string>(problems: Problems, field: keyof SpecInput, label: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    problems.add(field, `${label} must be one of ${allowed.join(', ')}; ${JSON.stringify(value)} is not.`);
  }
}

/**
 * Checks the fields the chosen mode uses and builds the spec the engine runs.
 *
 * @param input the raw form (see {@link SpecInput}).
 * @param source the probed video: `durationMs` bounds the times, `width`/`height` (display px) give the aspect.
 * @returns
 *   - `spec`: null when there is any problem; else an {@link OffsetsSpec} (offsets ms sorted ascending, unique), a
 *     {@link SampleSpec} or a {@link SpriteSpec} (`sampling` as read, with `intervalSec` 0 when the interval is a
 *     percentage; `timesMs` from `planSampleTimes`), with width and height px (resolveOutputSize with
 *     resolutionAdaptive; in sprite mode the cell size from `cellSize`),
 *     quality 1–100 (empty: 85), fit/format/frameType/hdr as chosen, and `userData` only when given. Sprite mode adds
 *     `sprite` with the defaults filled in (10 × 10, padding/margin 0, colour `black`, lower-cased).
 *   - `problems`: at most one per field, in form order; fields the mode does not use are not checked.
 *   - `plannedTimesMs`: the times the job would take (ms, ascending, unique), even when other fields have problems,
 *     so the UI can list them; empty when the times themselves are invalid.
 *   Never throws for bad input.
 * Rules: offsets as `parseOffsets`, sample times as `planSampleTimes` (SPEC "Times"); width/height and cell sizes
 *   whole px in [8, 4096], a side following the aspect ratio at most 4096 (cells: also at least 8) (SPEC "Output
 *   geometry and format", Alibaba `Width`/`Height`, `CellWidth`/`CellHeight`); columns/lines whole ≥ 1, padding/
 *   margin whole px ≥ 0, sheet sides at most 16384 px (`checkSpriteLayout`; the problem is on `columns` or `lines`),
 *   the number of sheets not limited (SPEC "Sprite sheets"); quality whole in [1, 100]; userData valid JSON of at
 *   most 64 KB as UTF-8 (SPEC "Jobs", Alibaba `UserData`); in sample and sprite modes with `animation`, the
 *   animated preview's rate and width (core/output/animationSpec.ts, problems on `animationFps` / `animationWidth`, which
 *   also carries a preview too large to hold: `animationTooLarge`); the timestamp position one of the nine; the
 *   trickplay formats against each platform's limits (core/trickplay/limits.ts `trickplayProblems`).
 */
export function checkJobSpec(
  input: SpecInput,
  source: SourceInfo,
): { spec: JobSpec | null; problems: FieldProblem[]; plannedTimesMs: number[] } {
  const problems = new Problems();
  checkChoice(problems, 'mode', 'Mode', input.mode, MODES);
  checkChoice(problems, 'fit', 'Fit', input.fit, FITS);
  checkChoice(problems, 'format', 'Format', input.format, FORMATS);
  checkChoice(problems, 'frameType', 'Frame type', input.frameType, FRAME_TYPES);
  if (input.mode === 'sprite' && input.timestamps) {
    checkChoice(problems, 'timestampPosition', 'Timestamp position', input.timestampPosition, TIMESTAMP_POSITIONS);
  }
  checkChoice(problems, 'hdr', 'HDR', input.hdr, HDR_MODES);
  checkChoice(problems, 'deinterlace', 'Deinterlace', input.deinterlace, DEINTERLACE_MODES);

  let offsetsMs: number[] | undefined;
  let sampled: { sampling: SampleParams; timesMs: number[] } | undefined;
  if (input.mode === 'offsets')
    offsetsMs = problems.value('offsetsText', checkOffsets(input.offsetsText, source.durationMs, cutFileBound(source)));
  else if (input.mode === 'sample' || input.mode === 'sprite') sampled = checkSampling(input, source.durationMs, problems);
  const plannedTimesMs = [...(offsetsMs ?? sampled?.timesMs ?? [])];
  const shots = input.mode === 'shots' ? checkShots(input, source.durationMs, problems) : undefined;

  let size: Size | undefined;
  let sprite: SpriteParams | undefined;
  if (input.mode === 'sprite' || (input.mode === 'shots' && input.shotSheet)) {
    sprite = checkSprite(input, source, problems);
    if (sprite) size = { width: sprite.cellWidth, height: sprite.cellHeight };
  } else {
    size = checkOutputSize(input, source, problems);
  }
  const qualityRule = `Quality must be a whole number from 1 to 100 (empty means ${DEFAULT_QUALITY})`;
  const quality = problems.value('quality', checkWholeNumber(input.quality, qualityRule, 1, 100, false));
  const userData = problems.value('userDataText', checkUserData(input.userDataText));
  let animation: AnimationParams | undefined;
  if (input.animation && (input.mode === 'sample' || input.mode === 'sprite') && size) {
    const checked = checkAnimation(input.animationFps, input.animationWidth, size);
    const tooLarge = checked.ok ? animationTooLarge(checked.value, plannedTimesMs.length) : null;
    if (!checked.ok) problems.add(checked.field, checked.message);
    else if (tooLarge) problems.add('animationWidth', tooLarge);
    else animation = checked.value;
  }

  const trickplay = input.mode === 'sample' || input.mode === 'sprite' ? input.trickplay : [];
  if (sampled && size && (input.mode === 'sample' || sprite)) {
    const context = { mode: input.mode, format: input.format, sampling: sampled.sampling, size, sprite: sprite ?? null };
    for (const problem of trickplayProblems(trickplay, context)) problems.add(problem.field, problem.message);
  }

  if (problems.list.length > 0 || size === undefined || quality === undefined || userData === undefined) {
    return { spec: null, problems: problems.sorted(), plannedTimesMs };
  }
  const output: OutputSpec = {
    width: size.width,
    height: size.height,
    fit: input.fit,
    resolutionAdaptive: input.resolutionAdaptive,
    format: input.format,
    quality: quality ?? DEFAULT_QUALITY,
    frameType: input.frameType,
    hdr: input.hdr,
    deinterlace: input.deinterlace,
  };
  if (userData.present) output.userData = userData.value;
  if (input.avoidBadFrames) output.avoidBadFrames = true;
  let spec: JobSpec | null = null;
  if (shots) spec = { mode: 'shots', shots, sprite: input.shotSheet ? (sprite ?? null) : null, ...output };
  else if (offsetsMs) spec = { mode: 'offsets', offsetsMs, ...output };
  else if (sampled) {
    const animated = { ...(animation ? { animation } : {}), ...(trickplay.length > 0 ? { trickplay: [...trickplay] } : {}) };
    if (sprite) spec = { mode: 'sprite', sampling: sampled.sampling, timesMs: sampled.timesMs, sprite, ...animated, ...output };
    else spec = { mode: 'sample', sampling: sampled.sampling, timesMs: sampled.timesMs, ...animated, ...output };
  }
  return { spec, problems: [], plannedTimesMs };
}

/**
 * Like {@link checkJobSpec}, for callers that want an exception (e.g. the engine API).
 *
 * @returns the validated spec.
 * @throws InvalidParameterError for the first problem in form order (field and message as in {@link FieldProblem}).
 */
export function validateJobSpec(input: SpecInput, source: SourceInfo): JobSpec {
  const { spec, problems } = checkJobSpec(input, source);
  const first = problems[0];
  if (first) throw new InvalidParameterError(first.field, first.message);
  if (!spec) throw new InvalidParameterError('mode', 'The snapshot settings are not valid.');
  return spec;
}

/**
 * The times a validated spec asks for, ms ascending: its offsets (offsets mode) or its planned times (sample and
 * sprite modes); none for a shots job, whose times are known only once its cuts are found (SPEC "Jobs").
 */
export function requestedTimes(spec: JobSpec): readonly number[] {
  return spec.mode === 'offsets' ? spec.offsetsMs : spec.mode === 'shots' ? [] : spec.timesMs;
}
