/**
 * Presets: saved job forms, the vendors' snapshot templates (Tencent `definition`, Alibaba `SnapshotTemplateId`).
 * A preset stores the form fields it sets (raw strings, as typed, checked by core/job/spec.ts when a job is made) and
 * leaves the others as they are. It may set the times (`offsetsText`, e.g. the Poster's `10%`), but never
 * `userDataText`: user data describes one job, not a kind of job.
 */
import { InvalidParameterError } from './errors';
import { TIMESTAMP_POSITIONS } from '../sheet/sheetText';
import type { SpecInput } from './spec';
import { TRICKPLAY_FORMATS } from '../trickplay/formats';
import { JELLYFIN_JPEG_QUALITY, JELLYFIN_WIDTH_PX } from '../trickplay/limits';
import { looksLikeVendorRequest, vendorRequestToSpec } from './vendorRequest';

/** A saved form. `input` holds only the fields the preset sets; `builtIn` presets ship with Snapframe. */
export interface Preset {
  id: string;
  name: string;
  builtIn: boolean;
  input: Partial<SpecInput>;
}

/** Longest preset name, characters (UTF-16 code units, as a text field counts them). */
export const MAX_PRESET_NAME_CHARS = 80;
/** Longest text field value a preset file may hold, characters (a guard against absurd files). */
const MAX_PRESET_TEXT_CHARS = 10_000;
/** Version of the export format (`snapframePresets`). */
export const PRESETS_FILE_VERSION = 1;

/** `formats`: a list of trickplay formats (core/trickplay/formats.ts), each at most once. */
type FieldKind = 'text' | 'boolean' | 'formats' | readonly string[];

/** Every field a preset may set, and what its value must be. `userDataText` is not one of them. */
const PRESET_FIELDS: Readonly<Record<Exclude<keyof SpecInput, 'userDataText'>, FieldKind>> = {
  mode: ['offsets', 'sample', 'sprite', 'shots'],
  offsetsText: 'text',
  start: 'text',
  interval: 'text',
  count: 'text',
  width: 'text',
  height: 'text',
  fit: ['black', 'white', 'gauss', 'stretch'],
  resolutionAdaptive: 'boolean',
  format: ['jpg', 'png', 'webp'],
  quality: 'text',
  frameType: ['accurate', 'keyframe'],
  hdr: ['hable', 'reinhard', 'bt2390', 'off'],
  deinterlace: ['auto', 'on', 'off'],
  cellWidth: 'text',
  cellHeight: 'text',
  columns: 'text',
  lines: 'text',
  padding: 'text',
  margin: 'text',
  color: 'text',
  keepCells: 'boolean',
  webvtt: 'boolean',
  header: 'boolean',
  timestamps: 'boolean',
  timestampPosition: TIMESTAMP_POSITIONS,
  fixedSheetSize: 'boolean',
  animation: 'boolean',
  animationFps: 'text',
  animationWidth: 'text',
  trickplay: 'formats',
  avoidBadFrames: 'boolean',
  cutThreshold: 'text',
  shotPick: ['start', 'middle', 'sharpest'],
  shotOffset: 'text',
  shotSheet: 'boolean',
};

/**
 * The presets that ship with Snapframe. Each sets the mode and the fields that define it; the output size,
 * format, quality and frame type stay as the user has them (except where the preset is about them).
 * - Player seek previews: sprite, 160×90 cells, 10 × 10 per sheet, every 2 s from 0, WebVTT on.
 * - Contact sheet: sprite, 4 × 4, 16 times spread evenly (interval 0, count 16), 320 px wide cells, 8 px gaps, with
 *   the metadata header and each cell's time at its bottom right (as vcsi's contact sheets).
 * - Poster: offsets, one frame at 10 % of the duration.
 * - Thumbnails every 10 s: sample, interval 10 s from 0, as many as fit.
 * - Trickplay for Roku / Plex / Jellyfin: sprite, every 10 s from 0, 320 px wide cells (height from the aspect),
 *   10 × 10 full-size sheets without gaps, JPEG at 90, every trickplay format (Jellyfin's TrickplayOptions defaults;
 *   Roku's HD BIF width and interval; core/trickplay/limits.ts).
 */
export const BUILT_IN_PRESETS: readonly Preset[] = [
  {
    id: 'builtin:seek-previews',
    name: 'Player seek previews',
    builtIn: true,
    input: {
      mode: 'sprite',
      start: '',
      interval: '2',
      count: '',
      cellWidth: '160',
      cellHeight: '90',
      columns: '10',
      lines: '10',
      padding: '0',
      margin: '0',
      webvtt: true,
      keepCells: false,
    },
  },
  {
    id: 'builtin:contact-sheet',
    name: 'Contact sheet',
    builtIn: true,
    input: {
      mode: 'sprite',
      start: '',
      interval: '0',
      count: '16',
      cellWidth: '320',
      cellHeight: '',
      columns: '4',
      lines: '4',
      padding: '8',
      margin: '8',
      webvtt: false,
      keepCells: false,
      header: true,
      timestamps: true,
      timestampPosition: 'bottom-right',
    },
  },
  {
    id: 'builtin:poster',
    name: 'Poster',
    builtIn: true,
    input: { mode: 'offsets', offsetsText: '10%' },
  },
  {
    id: 'builtin:thumbnails-10s',
    name: 'Thumbnails every 10 s',
    builtIn: true,
    input: { mode: 'sample', start: '', interval: '10', count: '' },
  },
  {
    id: 'builtin:trickplay',
    name: 'Trickplay for Roku / Plex / Jellyfin',
    builtIn: true,
    input: {
      mode: 'sprite',
      start: '',
      interval: '10',
      count: '',
      format: 'jpg',
      quality: String(JELLYFIN_JPEG_QUALITY),
      cellWidth: String(JELLYFIN_WIDTH_PX),
      cellHeight: '',
      columns: '10',
      lines: '10',
      padding: '0',
      margin: '0',
      header: false,
      timestamps: false,
      fixedSheetSize: true,
      keepCells: false,
      trickplay: [...TRICKPLAY_FORMATS],
    },
  },
];

/**
 * The form after applying a preset.
 *
 * @param current the form as it is.
 * @param preset the preset; only its known fields are taken (never `userDataText`), and only values of the right
 *   type (a stored preset from an older version cannot put a wrong type into the form).
 * @returns a new form: `current` with the preset's fields replaced. `current` is not changed.
 * Source: docs/SPEC.md "Presets" (a preset is a saved spec).
 */
export function applyPreset(current: SpecInput, preset: Preset): SpecInput {
  const next: SpecInput = { ...current };
  for (const [key, value] of Object.entries(preset.input) as [string, unknown][]) {
    if (isPresetField(key) && fieldProblem(PRESET_FIELDS[key], value) === null) {
      (next as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return next;
}

/**
 * The export file of the user's presets.
 *
 * @param presets any presets; built-in ones are left out.
 * @returns pretty JSON (2 spaces, trailing newline): `{ "snapframePresets": 1, "presets": [{ "name", "input" }, …] }`.
 *   Ids are not written: an import gives new ones. Fields a preset may not hold are left out of `input`.
 * Source: docs/SPEC.md "Presets" (export and import them as JSON).
 */
export function presetsToJson(presets: readonly Preset[]): string {
  const out = presets
    .filter((preset) => !preset.builtIn)
    .map((preset) => {
      const input: Partial<Record<keyof SpecInput, unknown>> = {};
      for (const [key, value] of Object.entries(preset.input)) if (isPresetField(key)) input[key] = value;
      return { name: preset.name, input };
    });
  return `${JSON.stringify({ snapframePresets: PRESETS_FILE_VERSION, presets: out }, null, 2)}\n`;
}

function isPresetField(key: string): key is keyof typeof PRESET_FIELDS {
  return Object.prototype.hasOwnProperty.call(PRESET_FIELDS, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a value does not fit a field, or null when it does. */
function fieldProblem(kind: FieldKind, value: unknown): string | null {
  if (kind === 'text') {
    if (typeof value !== 'string') return 'must be text';
    return value.length > MAX_PRESET_TEXT_CHARS ? `must be at most ${MAX_PRESET_TEXT_CHARS} characters` : null;
  }
  if (kind === 'boolean') return typeof value === 'boolean' ? null : 'must be true or false';
  if (kind === 'formats') {
    const ok =
      Array.isArray(value) && value.every((v, i) => (TRICKPLAY_FORMATS as readonly unknown[]).includes(v) && value.indexOf(v) === i);
    return ok ? null : `must be a list of ${TRICKPLAY_FORMATS.map((v) => `"${v}"`).join(', ')}, each at most once`;
  }
  return typeof value === 'string' && kind.includes(value) ? null : `must be one of ${kind.map((v) => `"${v}"`).join(', ')}`;
}

/** Refuses the whole file: the sentence says what is wrong, then what to do. */
function refuse(message: string, fix = 'Choose a file made by "Export presets".'): never {
  throw new InvalidParameterError('presets', `${message} ${fix}`);
}

/** Refuses the file for one preset's content. */
function refusePreset(message: string): never {
  refuse(message, 'Fix it in the file, or export the presets again.');
}

function readPreset(item: unknown, position: number, newId: () => string): Preset {
  const where = `Preset ${position}`;
  if (!isRecord(item)) refusePreset(`${where} is not an object with a "name" and an "input".`);
  for (const key of Object.keys(item)) {
    if (!['name', 'input', 'id', 'builtIn'].includes(key)) refusePreset(`${where} has an unknown key "${key}".`);
  }
  const { name, input, id, builtIn } = item;
  if (id !== undefined && typeof id !== 'string') refusePreset(`${where}: "id" must be text.`);
  if (builtIn !== undefined && typeof builtIn !== 'boolean') refusePreset(`${where}: "builtIn" must be true or false.`);
  if (typeof name !== 'string') refusePreset(`${where}: "name" must be text.`);
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_PRESET_NAME_CHARS) {
    refusePreset(`${where}: the name must have 1 to ${MAX_PRESET_NAME_CHARS} characters; it has ${trimmed.length}.`);
  }
  const label = `${where} ("${trimmed}")`;
  if (!isRecord(input)) refusePreset(`${label}: "input" must be an object of form fields.`);
  const fields: Partial<Record<keyof SpecInput, unknown>> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!isPresetField(key)) {
      refusePreset(key === 'userDataText' ? `${label}: presets cannot hold user data.` : `${label} has an unknown field "${key}".`);
    }
    const problem = fieldProblem(PRESET_FIELDS[key], value);
    if (problem !== null) refusePreset(`${label}: "${key}" ${problem}.`);
    fields[key] = value;
  }
  return { id: newId(), name: trimmed, builtIn: false, input: fields as Partial<SpecInput> };
}

/**
 * Reads an export file of presets, strictly.
 *
 * @param text the file's text: `{ "snapframePresets": 1, "presets": [{ "name": "…", "input": { … } }, …] }` as
 *   {@link presetsToJson} writes it (entries may also carry `id` and `builtIn`, which are ignored).
 * @param newId gives each imported preset a fresh id (the caller's scheme, e.g. `crypto.randomUUID`).
 * @returns the presets in file order, `builtIn` false, names trimmed. Field values are form text, not checked
 *   against the spec rules (checkJobSpec does that when the preset is used). Duplicate names are the caller's to
 *   resolve.
 * @throws InvalidParameterError('presets') with a sentence naming what is wrong: not JSON, not an object, a missing
 *   or other version, `presets` not a list, an unknown key (top level, preset or field, including `userDataText`),
 *   a value of the wrong type or not among the allowed choices, a name that is empty or longer than 80 characters.
 *   Nothing is returned when any preset is wrong.
 * Source: docs/SPEC.md "Presets" (export and import them as JSON).
 */
export function presetsFromJson(text: string, newId: () => string): Preset[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message.replace(/\.$/, '')})` : '';
    refuse(`This file is not valid JSON${reason}.`);
  }
  if (!isRecord(data)) refuse('This file is not a Snapframe presets file: it should be a JSON object.');
  for (const key of Object.keys(data)) {
    if (key !== 'snapframePresets' && key !== 'presets') refuse(`This presets file has an unknown key "${key}".`);
  }
  if (data.snapframePresets !== PRESETS_FILE_VERSION) {
    refuse(
      data.snapframePresets === undefined
        ? 'This file is not a Snapframe presets file: "snapframePresets" is missing.'
        : `This presets file has version ${JSON.stringify(data.snapframePresets)}; ` +
            `this Snapframe reads version ${PRESETS_FILE_VERSION}.`,
    );
  }
  if (!Array.isArray(data.presets)) refuse('This presets file has no "presets" list.');
  return (data.presets as unknown[]).map((item, i) => readPreset(item, i + 1, newId));
}

/**
 * Reads what "Import presets" was given: a presets export ({@link presetsFromJson}) or a vendor request (a JSON
 * object of Alibaba, Tencent or ZEGO request parameters, core/job/vendorRequest.ts), which becomes one preset named
 * after the vendor's API (e.g. "Alibaba SubmitSnapshotJob") with every field of its mode. A request's UserData is
 * left out: presets never hold user data.
 * @param text the file's text.
 * @param newId gives each preset a fresh id.
 * @returns the presets in file order.
 * @throws InvalidParameterError('presets') as {@link presetsFromJson} for anything that is neither; a vendor
 *   request's own sentence (InvalidParameterError('request'), naming the fields) when it is a request that is wrong.
 * Source: docs/SPEC.md "Vendor requests".
 */
export function presetsFromFile(text: string, newId: () => string): Preset[] {
  let data: unknown = undefined;
  try {
    data = JSON.parse(text);
  } catch {
    /* presetsFromJson says why */
  }
  if (typeof data === 'object' && data !== null && !('snapframePresets' in data) && looksLikeVendorRequest(data)) {
    const { label, input } = vendorRequestToSpec(data);
    const { userDataText: _userData, ...fields } = input;
    return [{ id: newId(), name: label, builtIn: false, input: fields }];
  }
  return presetsFromJson(text, newId);
}
