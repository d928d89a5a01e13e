/**
 * Vendor requests: a snapshot request written with a cloud API's own parameter names,
 * turned into Snapframe's job form, so that a user moving off the cloud keeps their settings. Read by `snapframe
 * --spec FILE` and by the page's "Import presets" (core/job/presets.ts `presetsFromFile`).
 *
 * - Alibaba VOD SubmitSnapshotJob (API reference, English and Chinese): SpecifiedOffsetTime (ms), SpecifiedOffsetTimes (ms),
 *   Width, Height, Count (default 1), Interval (s, default 1; 0 spreads Count evenly), SpriteSnapshotConfig (a JSON
 *   string, as the API takes it, also with the doc's single quotes, or an object: CellWidth, CellHeight, Columns,
 *   Lines, Padding, Margin, Color, KeepCellPic `keep`/`delete`, default keep), UserData (a JSON string or a value),
 *   FrameType (`normal`/`intra`, from Alibaba's snapshot templates). VideoId, ReferenceId and Action name the cloud
 *   video and call; they are accepted and ignored. SnapshotTemplateId is refused: the template lives in the cloud.
 * - Tencent Cloud VOD (API reference): CreateSnapshotByTimeOffset `timeOffset` (ms; also as `timeOffset.0`, `timeOffset.1`…
 *   query keys), ProcessMedia's ExtTimeOffsetSet (`3.5s`, `10%`, or a number of seconds); the sample-snapshot and
 *   image-sprite template fields SampleType (`Time`/`Percent`), SampleInterval, RowCount, ColumnCount, Width, Height
 *   (0 = follow the video), FillType (`black`, `white`, `gauss`, `stretch`), Format, ResolutionAdaptive (`open`/
 *   `close`). fileId, definition, Name and Comment are accepted and ignored. A sprite always gets its WebVTT.
 * - ZEGO MediaThumbnails (API reference): Type (`SnapshotByTimeOffset` with ExtTimeOffsetSet in seconds, `SampleSnapshot`
 *   with Interval in seconds). Vendor, FileId, Definition and Action are accepted and ignored.
 * Unknown or conflicting fields are refused with an InvalidParameter sentence naming them.
 */
import { InvalidParameterError } from './errors';
import type { SpecInput } from './spec';

export type Vendor = 'alibaba' | 'tencent' | 'zego';

/** What a vendor request becomes: the vendor's name and the form fields it sets (every field of its mode). */
export interface VendorSpec {
  vendor: Vendor;
  /** e.g. `Alibaba SubmitSnapshotJob`; names an imported preset. */
  label: string;
  input: Partial<SpecInput>;
}

type Fields = Record<string, unknown>;

const IGNORED: Record<Vendor, readonly string[]> = {
  alibaba: ['Action', 'VideoId', 'ReferenceId'],
  tencent: ['Action', 'fileId', 'FileId', 'definition', 'Definition', 'Name', 'Comment', 'SubAppId'],
  zego: ['Action', 'Vendor', 'FileId', 'Definition'],
};
const KNOWN: Record<Vendor, readonly string[]> = {
  alibaba: [
    'SpecifiedOffsetTime',
    'SpecifiedOffsetTimes',
    'Width',
    'Height',
    'Count',
    'Interval',
    'SpriteSnapshotConfig',
    'UserData',
    'FrameType',
    'SnapshotTemplateId',
  ],
  tencent: [
    'timeOffset',
    'ExtTimeOffsetSet',
    'SampleType',
    'SampleInterval',
    'RowCount',
    'ColumnCount',
    'Width',
    'Height',
    'FillType',
    'Format',
    'ResolutionAdaptive',
  ],
  zego: ['Type', 'ExtTimeOffsetSet', 'Interval'],
};
const LABELS: Record<Vendor, string> = { alibaba: 'Alibaba SubmitSnapshotJob', tencent: 'Tencent VOD', zego: 'ZEGO MediaThumbnails' };
const SPRITE_KEYS = ['CellWidth', 'CellHeight', 'Columns', 'Lines', 'Padding', 'Margin', 'Color', 'KeepCellPic'];

function refuse(message: string): never {
  throw new InvalidParameterError('request', `${message}`);
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/** Folds query-style keys (`timeOffset.0`, `ExtTimeOffsetSet[]`, `ExtTimeOffsetSet.1`) into arrays. */
function foldArrays(request: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(request)) {
    const match = /^(timeOffset|ExtTimeOffsetSet|SpecifiedOffsetTimes)(?:\.(\d+)|\[\])$/.exec(key);
    if (!match?.[1]) {
      out[key] = value;
      continue;
    }
    const list = Array.isArray(out[match[1]]) ? (out[match[1]] as unknown[]) : [];
    if (match[2] === undefined) list.push(...(Array.isArray(value) ? value : [value]));
    else list[Number(match[2])] = value;
    out[match[1]] = list;
  }
  return out;
}

/** Which vendor a request is for: its Action, else the one whose names cover the most keys (ties: first listed). */
function detectVendor(request: Fields): Vendor {
  const action = request.Action;
  if (action === 'SubmitSnapshotJob') return 'alibaba';
  if (action === 'MediaThumbnails') return 'zego';
  if (action === 'CreateSnapshotByTimeOffset' || action === 'CreateImageSprite' || action === 'ProcessMedia') return 'tencent';
  if ('Type' in request || 'Vendor' in request) return 'zego';
  const keys = Object.keys(request).filter((k) => k !== 'Action');
  const vendors: Vendor[] = ['alibaba', 'tencent', 'zego'];
  const score = (v: Vendor) => keys.filter((k) => KNOWN[v].includes(k) || IGNORED[v].includes(k)).length;
  return vendors.reduce((best, v) => (score(v) > score(best) ? v : best), 'alibaba');
}

/** A whole number (or its text) within [min, max]; `name` is the vendor's field name. */
function whole(fields: Fields, name: string, min: number, max = Number.MAX_SAFE_INTEGER): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    refuse(
      `"${name}" must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` of at least ${min}`}; ${JSON.stringify(value)} is not.`,
    );
  }
  return String(n);
}

/** A number of seconds (or its text), ≥ 0. */
function seconds(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) refuse(`"${name}" must be a number of seconds, 0 or more; ${JSON.stringify(value)} is not.`);
  return String(n);
}

function list(fields: Fields, name: string): unknown[] | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) refuse(`"${name}" must be a non-empty list of times.`);
  return value;
}

/** Times in ms (Alibaba SpecifiedOffsetTimes, Tencent timeOffset) as the offsets field: `1000, 20`. */
function msList(fields: Fields, name: string): string | undefined {
  const values = list(fields, name);
  return values
    ?.map((v) => {
      if (!(typeof v === 'number' || (typeof v === 'string' && /^\s*\d+\s*$/.test(v))) || !Number.isInteger(Number(v)) || Number(v) < 0) {
        refuse(`"${name}" must list whole numbers of milliseconds; ${JSON.stringify(v)} is not.`);
      }
      return String(Number(v));
    })
    .join(', ');
}

/** ExtTimeOffsetSet: numbers of seconds, or Tencent's `3.5s` / `10%` strings, as the offsets field: `1s, 10%`. */
function extOffsets(fields: Fields): string | undefined {
  return list(fields, 'ExtTimeOffsetSet')
    ?.map((v) => {
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return `${v}s`;
      if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) return `${Number(v)}s`;
      if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*(s|%)\s*$/.test(v)) return v.trim();
      return refuse(`"ExtTimeOffsetSet" must list seconds (3.5, "3.5s") or percentages ("10%"); ${JSON.stringify(v)} is not.`);
    })
    .join(', ');
}

function choice<T extends string | boolean>(fields: Fields, name: string, map: Record<string, T>): T | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  const hit = typeof value === 'string' ? map[value.toLowerCase()] : typeof value === 'boolean' ? map[String(value)] : undefined;
  if (hit === undefined)
    refuse(
      `"${name}" must be one of ${quoted(Object.keys(map).filter((k) => k !== 'true' && k !== 'false'))}; ${JSON.stringify(value)} is not.`,
    );
  return hit;
}

function conflict(fields: Fields, a: readonly string[], b: readonly string[], why: string): void {
  const hasA = a.filter((k) => fields[k] !== undefined);
  const hasB = b.filter((k) => fields[k] !== undefined);
  if (hasA.length > 0 && hasB.length > 0) refuse(`${quoted(hasA)} and ${quoted(hasB)} cannot be used together: ${why}`);
}

/** SpriteSnapshotConfig: an object, or the JSON string the API takes (the docs' example uses single quotes). */
function spriteConfig(value: unknown): Fields {
  let config = value;
  if (typeof value === 'string') {
    try {
      config = JSON.parse(value);
    } catch {
      try {
        config = JSON.parse(value.replace(/'/g, '"'));
      } catch {
        refuse(
          `"SpriteSnapshotConfig" must be JSON such as {"CellWidth": 120, "CellHeight": 68, "Columns": 3, "Lines": 10}; ${JSON.stringify(value)} is not.`,
        );
      }
    }
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    refuse('"SpriteSnapshotConfig" must be an object of sprite settings.');
  const unknown = Object.keys(config).filter((k) => !SPRITE_KEYS.includes(k));
  if (unknown.length > 0)
    refuse(
      `"SpriteSnapshotConfig" has unknown ${unknown.length === 1 ? 'field' : 'fields'} ${quoted(unknown)}; it takes ${quoted(SPRITE_KEYS)}.`,
    );
  return config as Fields;
}

function userDataText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const NO_OUTPUT_SIZE = { width: '', height: '' };

function fromAlibaba(f: Fields): Partial<SpecInput> {
  if (f.SnapshotTemplateId !== undefined) {
    refuse(
      '"SnapshotTemplateId" names a template stored in Alibaba Cloud, which Snapframe cannot read: write its settings into the request instead.',
    );
  }
  conflict(
    f,
    ['SpecifiedOffsetTimes'],
    ['SpecifiedOffsetTime', 'Count', 'Interval', 'SpriteSnapshotConfig'],
    'the first takes snapshots at listed times, the others plan times.',
  );
  const frameType = choice(f, 'FrameType', { normal: 'accurate', intra: 'keyframe' } as const) ?? 'accurate';
  const common: Partial<SpecInput> = { format: 'jpg', frameType, fit: 'black', resolutionAdaptive: false };
  const user = userDataText(f.UserData);
  if (user !== undefined) common.userDataText = user;
  const offsets = msList(f, 'SpecifiedOffsetTimes');
  const size = { width: whole(f, 'Width', 8, 4096) ?? '', height: whole(f, 'Height', 8, 4096) ?? '' };
  if (offsets !== undefined) return { ...common, mode: 'offsets', offsetsText: offsets, ...size };
  // Alibaba: Count default 1, Interval default 1 s; both given: the fewer snapshots (planSampleTimes caps by count).
  const sampling = {
    start: whole(f, 'SpecifiedOffsetTime', 0) ?? '',
    interval: seconds(f, 'Interval') ?? '1',
    count: whole(f, 'Count', 1) ?? '1',
  };
  if (f.SpriteSnapshotConfig === undefined || f.SpriteSnapshotConfig === '') return { ...common, mode: 'sample', ...sampling, ...size };
  conflict(
    f,
    ['Width', 'Height'],
    ['SpriteSnapshotConfig'],
    'a sprite\'s cell size is "CellWidth" and "CellHeight" in "SpriteSnapshotConfig".',
  );
  const s = spriteConfig(f.SpriteSnapshotConfig);
  const keep = choice(s, 'KeepCellPic', { keep: true, delete: false, true: true, false: false });
  return {
    ...common,
    mode: 'sprite',
    ...sampling,
    ...NO_OUTPUT_SIZE,
    cellWidth: whole(s, 'CellWidth', 8, 4096) ?? '',
    cellHeight: whole(s, 'CellHeight', 8, 4096) ?? '',
    columns: whole(s, 'Columns', 1) ?? '',
    lines: whole(s, 'Lines', 1) ?? '',
    padding: whole(s, 'Padding', 0) ?? '',
    margin: whole(s, 'Margin', 0) ?? '',
    color:
      typeof s.Color === 'string'
        ? s.Color
        : s.Color === undefined
          ? ''
          : refuse(`"Color" must be a colour such as "#000000"; ${JSON.stringify(s.Color)} is not.`),
    keepCells: keep ?? true,
    webvtt: true,
  };
}

function fromTencent(f: Fields): Partial<SpecInput> {
  const timeKeys = ['timeOffset', 'ExtTimeOffsetSet'];
  const templateKeys = ['SampleType', 'SampleInterval', 'RowCount', 'ColumnCount'];
  conflict(f, timeKeys, templateKeys, 'the first take snapshots at listed times, the others sample the video.');
  conflict(f, ['timeOffset'], ['ExtTimeOffsetSet'], 'give the times once.');
  const fit = choice(f, 'FillType', { black: 'black', white: 'white', gauss: 'gauss', stretch: 'stretch' } as const) ?? 'black';
  const format = choice(f, 'Format', { jpg: 'jpg', jpeg: 'jpg', png: 'png', webp: 'webp' } as const) ?? 'jpg';
  const resolutionAdaptive = choice(f, 'ResolutionAdaptive', { open: true, close: false, true: true, false: false }) ?? true;
  // Tencent: 0 (or absent) means "follow the video" for either side.
  const side = (name: string) => (whole(f, name, 0, 4096) ?? '').replace(/^0$/, '');
  const common: Partial<SpecInput> = { fit, format, resolutionAdaptive, frameType: 'accurate' };
  const offsets = msList(f, 'timeOffset') ?? extOffsets(f);
  if (offsets !== undefined) return { ...common, mode: 'offsets', offsetsText: offsets, width: side('Width'), height: side('Height') };
  const type = choice(f, 'SampleType', { time: 'time', percent: 'percent' } as const);
  const interval = seconds(f, 'SampleInterval');
  if (type === undefined || interval === undefined) {
    refuse('A Tencent request needs times ("timeOffset" or "ExtTimeOffsetSet") or a sampling ("SampleType" and "SampleInterval").');
  }
  const sampling = { start: '', interval: type === 'percent' ? `${interval}%` : interval, count: '' };
  const sprite = f.RowCount !== undefined || f.ColumnCount !== undefined;
  if (!sprite) return { ...common, mode: 'sample', ...sampling, width: side('Width'), height: side('Height') };
  return {
    ...common,
    mode: 'sprite',
    ...sampling,
    ...NO_OUTPUT_SIZE,
    cellWidth: side('Width'),
    cellHeight: side('Height'),
    columns: whole(f, 'ColumnCount', 1) ?? '',
    lines: whole(f, 'RowCount', 1) ?? '',
    padding: '0',
    margin: '0',
    color: '',
    keepCells: false,
    webvtt: true,
  };
}

function fromZego(f: Fields): Partial<SpecInput> {
  const common: Partial<SpecInput> = {
    fit: 'black',
    format: 'jpg',
    frameType: 'accurate',
    width: '',
    height: '',
    resolutionAdaptive: false,
  };
  const type = choice(f, 'Type', { snapshotbytimeoffset: 'offsets', samplesnapshot: 'sample' } as const);
  if (type === undefined) refuse('A ZEGO request needs "Type": "SnapshotByTimeOffset" or "SampleSnapshot".');
  if (type === 'offsets') {
    if (f.Interval !== undefined) refuse('"Interval" does not apply to "Type": "SnapshotByTimeOffset"; use "ExtTimeOffsetSet".');
    const offsets = extOffsets(f);
    if (offsets === undefined) refuse('"Type": "SnapshotByTimeOffset" needs "ExtTimeOffsetSet" (times in seconds).');
    return { ...common, mode: 'offsets', offsetsText: offsets };
  }
  if (f.ExtTimeOffsetSet !== undefined) refuse('"ExtTimeOffsetSet" does not apply to "Type": "SampleSnapshot"; use "Interval".');
  const interval = seconds(f, 'Interval');
  if (interval === undefined) refuse('"Type": "SampleSnapshot" needs "Interval" (seconds).');
  return { ...common, mode: 'sample', start: '', interval, count: '' };
}

/**
 * Whether a parsed JSON value looks like a vendor request: an object with at least one parameter name of a vendor
 * (query-style keys folded). Used to tell a vendor request from other JSON (e.g. a presets export).
 */
export function looksLikeVendorRequest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const names = new Set(Object.values(KNOWN).flat().concat(Object.values(IGNORED).flat()));
  names.delete('Action');
  return Object.keys(foldArrays(value as Fields)).some((key) => names.has(key));
}

/**
 * Reads a vendor request.
 * @param request the parsed JSON: an object of the vendor's request parameters (as documented, or as query keys such
 *   as `timeOffset.0`, `ExtTimeOffsetSet[]`); values may be numbers or their text, as the APIs take them.
 * @returns the vendor, a label and the form fields (core/job/spec.ts SpecInput) that reproduce the request: the mode and
 *   every field it uses, vendor defaults filled in (Alibaba: Count 1, Interval 1 s, KeepCellPic keep, jpg; Tencent:
 *   FillType black, ResolutionAdaptive open, a sprite's WebVTT on; ZEGO: jpg). Sizes px, times as the form's text
 *   (ms for bare numbers, `Ns` seconds, `N%`). checkJobSpec checks the values against the video, as in the page.
 * @throws InvalidParameterError('request') naming the fields: unknown fields (with the ones the vendor takes),
 *   conflicting fields, values of the wrong type, a cloud template id, a request that sets no times.
 * Source: the vendors' API references (Alibaba SubmitSnapshotJob, Tencent CreateSnapshotByTimeOffset / CreateImageSprite, ZEGO
 *   MediaThumbnails); Tencent's sample and sprite template fields; docs/SPEC.md's vendor table.
 */
export function vendorRequestToSpec(request: unknown): VendorSpec {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    refuse('A vendor request must be a JSON object of request parameters.');
  const fields = foldArrays(request as Fields);
  const vendor = detectVendor(fields);
  const unknown = Object.keys(fields).filter((k) => !KNOWN[vendor].includes(k) && !IGNORED[vendor].includes(k));
  if (unknown.length > 0) {
    refuse(
      `This ${LABELS[vendor]} request has unknown ${unknown.length === 1 ? 'field' : 'fields'} ${quoted(unknown)}. ` +
        `Snapframe reads ${quoted(KNOWN[vendor].filter((k) => k !== 'SnapshotTemplateId'))}.`,
    );
  }
  const input = vendor === 'alibaba' ? fromAlibaba(fields) : vendor === 'tencent' ? fromTencent(fields) : fromZego(fields);
  return { vendor, label: LABELS[vendor], input };
}
