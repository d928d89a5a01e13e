/**
 * The command's spec options (`--offsets`, `--interval`, `--sprite`, `--width`…) as the page's form fields
 * (core/job/spec.ts SpecInput), on top of a `--spec` file; and the check that rejects bad arguments before any video
 * is opened, with the page's own sentences (core/job/spec.ts `checkJobSpec`).
 */
import { DEFAULT_SPEC_INPUT, checkJobSpec, type FieldProblem, type SpecInput } from '../core/job/spec';
import { parseTrickplayFormats } from '../core/trickplay/formats';
import type { SourceInfo } from '../core/job/types';

/** The spec options as commander gives them (only those given on the command line are set). */
export interface SpecOptions {
  offsets?: string;
  interval?: string;
  count?: string;
  start?: string;
  sprite?: string;
  cell?: string;
  padding?: string;
  margin?: string;
  color?: string;
  keepCells?: boolean;
  vtt?: boolean;
  trickplay?: string;
  width?: string;
  height?: string;
  fit?: SpecInput['fit'];
  format?: SpecInput['format'];
  quality?: string;
  keyframes?: boolean;
  deinterlace?: SpecInput['deinterlace'];
  userData?: string;
}

/** A bad argument: the sentence says which option and why. */
export class UsageError extends Error {}

/** Which option sets a form field (for sentences about bad arguments). */
const OPTION_OF: Partial<Record<FieldProblem['field'], string>> = {
  offsetsText: '--offsets',
  start: '--start',
  interval: '--interval',
  count: '--count',
  width: '--width',
  height: '--height',
  fit: '--fit',
  format: '--format',
  quality: '--quality',
  frameType: '--keyframes',
  deinterlace: '--deinterlace',
  cellWidth: '--cell',
  cellHeight: '--cell',
  columns: '--sprite',
  lines: '--sprite',
  padding: '--padding',
  margin: '--margin',
  color: '--color',
  sheet: '--sprite',
  userDataText: '--user-data',
  trickplay: '--trickplay',
  mode: '--spec',
};

function size(text: string, option: string, example: string): [string, string] {
  const match = /^\s*(\d*)\s*[x×]\s*(\d*)\s*$/i.exec(text) ?? /^\s*(\d+)\s*$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) throw new UsageError(`${option} must be ${example}; "${text}" is not.`);
  return [match[1] ?? '', match[2] ?? ''];
}

/**
 * The form: the page's defaults, then the `--spec` file's fields, then the options given.
 * Mode: `--offsets` → offsets; `--sprite` → sprite; `--interval`/`--count`/`--start` → sample (sprite when the spec
 * file is a sprite); otherwise the spec file's mode.
 * @throws UsageError for conflicting options (offsets with sampling or sprite options; sprite options without a
 *   sprite), a malformed `--sprite`/`--cell`, or no mode at all.
 */
export function specInputFrom(options: SpecOptions, fromFile: Partial<SpecInput> | null): SpecInput {
  const input: SpecInput = { ...DEFAULT_SPEC_INPUT, ...fromFile };
  const sampling = (['interval', 'count', 'start'] as const).filter((k) => options[k] !== undefined);
  const spriteOnly = (['cell', 'padding', 'margin', 'color', 'keepCells', 'vtt'] as const).filter((k) => options[k] !== undefined);
  const flag = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^vtt$/, 'no-vtt')}`;
  if (options.offsets !== undefined && (sampling.length > 0 || options.sprite !== undefined)) {
    const others = [...sampling.map(flag), ...(options.sprite !== undefined ? ['--sprite'] : [])];
    throw new UsageError(
      `--offsets cannot be used with ${others.join(', ')}: take listed times (--offsets) or planned ones (--interval, --count, --start, --sprite).`,
    );
  }
  if (options.offsets !== undefined) input.mode = 'offsets';
  else if (options.sprite !== undefined) input.mode = 'sprite';
  else if (sampling.length > 0 && input.mode !== 'sprite') input.mode = 'sample';
  else if (!fromFile?.mode)
    throw new UsageError('Say what to take: --offsets LIST, --interval/--count/--start, --sprite COLUMNSxLINES, or --spec FILE.');
  if (spriteOnly.length > 0 && input.mode !== 'sprite')
    throw new UsageError(`${spriteOnly.map(flag).join(', ')} only apply to sprite sheets (--sprite).`);

  if (options.offsets !== undefined) input.offsetsText = options.offsets;
  if (options.interval !== undefined) input.interval = options.interval;
  if (options.count !== undefined) input.count = options.count;
  if (options.start !== undefined) input.start = options.start;
  if (options.sprite !== undefined) [input.columns, input.lines] = size(options.sprite, '--sprite', 'COLUMNSxLINES, such as 10x10');
  if (options.cell !== undefined)
    [input.cellWidth, input.cellHeight] = size(options.cell, '--cell', 'WIDTHxHEIGHT in px, such as 160x90 (or 160x, x90)');
  if (options.padding !== undefined) input.padding = options.padding;
  if (options.margin !== undefined) input.margin = options.margin;
  if (options.color !== undefined) input.color = options.color;
  if (options.keepCells !== undefined) input.keepCells = options.keepCells;
  if (options.vtt !== undefined) input.webvtt = options.vtt;
  if (options.width !== undefined) input.width = options.width;
  if (options.height !== undefined) input.height = options.height;
  if (options.fit !== undefined) input.fit = options.fit;
  if (options.format !== undefined) input.format = options.format;
  if (options.quality !== undefined) input.quality = options.quality;
  if (options.keyframes !== undefined) input.frameType = options.keyframes ? 'keyframe' : 'accurate';
  if (options.deinterlace !== undefined) input.deinterlace = options.deinterlace;
  if (options.userData !== undefined) input.userDataText = options.userData;
  if (options.trickplay !== undefined) {
    if (input.mode !== 'sample' && input.mode !== 'sprite') throw new UsageError('--trickplay applies to --interval and --sprite jobs.');
    const formats = parseTrickplayFormats(options.trickplay);
    if (!formats.ok) throw new UsageError(`--trickplay: ${formats.message}`);
    input.trickplay = formats.value;
  }
  return input;
}

/**
 * A stand-in video for checking arguments before any real one is probed: square (a single given side never makes
 * the other one out of range) and 1000 hours long (any time a real video could have is inside it).
 */
const STAND_IN: SourceInfo = {
  name: 'video',
  size: 1,
  container: 'mp4',
  durationMs: 3_600_000_000,
  startTimeMs: 0,
  videoDurationMs: 3_600_000_000,
  codec: 'h264',
  codecLongName: 'H.264',
  codedWidth: 1000,
  codedHeight: 1000,
  width: 1000,
  height: 1000,
  rotation: 0,
  sampleAspectRatio: [1, 1],
  frameRate: 25,
  frameCount: 90_000_000,
  hasAudio: false,
};

/**
 * The problems of a form that no video could fix (malformed numbers, sizes out of range, a bad colour or JSON…),
 * as `--option: sentence`. Problems that depend on the video (a time past its end, a plan too long for it) are left
 * to each video's own check.
 */
export function argumentProblems(input: SpecInput): string[] {
  const { problems } = checkJobSpec(input, STAND_IN);
  return problems.filter((p) => !/the limit is/.test(p.message)).map((p) => `${OPTION_OF[p.field] ?? p.field}: ${p.message}`);
}
