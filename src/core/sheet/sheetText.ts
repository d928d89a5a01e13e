/**
 * The text a contact sheet carries (as vcsi's contact sheets): the metadata header above the cells and each
 * cell's time written on it. Pure: what to write, how large, and where; the engine worker measures and draws it.
 * Sizes are integer px.
 */
import { cssColorToHex } from './colors';
import type { Rect } from '../output/geometry';
import type { SourceInfo, TimestampPosition } from '../job/types';

/** The nine timestamp positions in reading order (vcsi `--timestamp-position` nw, n, ne, w, center, e, sw, s, se). */
export const TIMESTAMP_POSITIONS: readonly TimestampPosition[] = [
  'top-left',
  'top',
  'top-right',
  'left',
  'center',
  'right',
  'bottom-left',
  'bottom',
  'bottom-right',
];

/** Where a cell's time goes when the spec does not say (vcsi's default `se`). */
export const DEFAULT_TIMESTAMP_POSITION: TimestampPosition = 'bottom-right';

/** Lines of the metadata header (name; size, duration, bitrate; video). */
export const HEADER_LINE_COUNT = 3;

/** The header's geometry: its height, font size, line height and inner padding, px. */
export interface HeaderMetrics {
  height: number;
  fontPx: number;
  lineHeight: number;
  padding: number;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * The size of the metadata header of a sheet `sheetWidth` px wide: the font follows the sheet's width (1/80 of it,
 * 10 to 28 px: 20 px on a 1600 px sheet, vcsi's 16 px on its 1500 px default is close), three lines of 1.4 × the
 * font, and 0.6 × the font above and below.
 *
 * @param sheetWidth the sheet's width, px, whole ≥ 1.
 * @returns height = 2·padding + 3·lineHeight, px; always the same for the same width, so the layout (core) and the
 *   drawing (worker) agree.
 * Source: vcsi (amietn/vcsi) `--metadata-font-size` 16, `--metadata-margin` 10 on 1500 px sheets.
 */
export function headerMetrics(sheetWidth: number): HeaderMetrics {
  const fontPx = clamp(Math.round(sheetWidth / 80), 10, 28);
  const lineHeight = Math.ceil(fontPx * 1.4);
  const padding = Math.round(fontPx * 0.6);
  return { height: 2 * padding + HEADER_LINE_COUNT * lineHeight, fontPx, lineHeight, padding };
}

/** `1.2 MiB`, `834 KiB`, `512 B` (binary prefixes, as vcsi and ffprobe's `-pretty` write sizes). */
export function formatBinaryBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** `2.05 Mb/s`, `850 kb/s` (SI prefixes, as ffprobe writes bit rates). */
export function formatBitrate(bitsPerSecond: number): string {
  if (bitsPerSecond >= 1e6) return `${(bitsPerSecond / 1e6).toFixed(2)} Mb/s`;
  return `${Math.round(bitsPerSecond / 1e3)} kb/s`;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A cell's time as written on the sheet: `m:ss` under an hour, `h:mm:ss` from an hour, with `.mmm` when asked.
 *
 * @param ms the time, ms ≥ 0 (rounded to whole ms).
 * @param options.hours always write hours (a video of an hour or more, so every cell reads alike);
 *   `options.millis` write milliseconds (when some planned time is not a whole second).
 * Source: vcsi's timestamps (`HH:MM:SS`, with `.mmm` when the interval needs it).
 */
export function timestampLabel(ms: number, options: { hours: boolean; millis: boolean }): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  const head = options.hours || hours > 0 ? `${hours}:${pad(minutes, 2)}` : `${minutes}`;
  const tail = options.millis ? `.${pad(total % 1000, 3)}` : '';
  return `${head}:${pad(seconds, 2)}${tail}`;
}

/**
 * The labels of all cells of a job, written alike: hours when the video lasts an hour or more, milliseconds when a
 * planned time is not a whole second.
 *
 * @param timesMs the planned times, ms; @param durationMs the video's duration, ms.
 * @returns one label per time, in order.
 */
export function timestampLabels(timesMs: readonly number[], durationMs: number): string[] {
  const options = { hours: durationMs >= 3_600_000, millis: timesMs.some((t) => Math.round(t) % 1000 !== 0) };
  return timesMs.map((t) => timestampLabel(t, options));
}

/**
 * The three lines of the metadata header, as vcsi's: the file name; its size, duration and average bitrate; the
 * video's codec, resolution and frame rate.
 *
 * @param source the probed video (size bytes, duration ms, display size px, frame rate fps or null).
 * @returns e.g. `flower.mp4`, `File size: 1.2 MiB · Duration: 0:05.000 · Bitrate: 2.05 Mb/s`,
 *   `Video: h264 (H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10) · 1920x1080 · 29.97 fps`. The bitrate is the file's
 *   average, size·8 / duration (what ffprobe's `format.bit_rate` is); omitted for a zero duration.
 * Source: vcsi's default metadata template (file name; File size; Duration, avg. bitrate; Video: codec, size, fps).
 */
export function headerLines(
  source: Pick<SourceInfo, 'name' | 'size' | 'durationMs' | 'codec' | 'codecLongName' | 'width' | 'height' | 'frameRate'>,
): string[] {
  const seconds = source.durationMs / 1000;
  const facts = [
    `File size: ${formatBinaryBytes(source.size)}`,
    `Duration: ${timestampLabel(source.durationMs, { hours: false, millis: true })}`,
  ];
  if (seconds > 0) facts.push(`Bitrate: ${formatBitrate((source.size * 8) / seconds)}`);
  const codec = source.codecLongName && source.codecLongName !== source.codec ? `${source.codec} (${source.codecLongName})` : source.codec;
  const rate = source.frameRate ? `${Number(source.frameRate.toFixed(3))} fps` : 'frame rate unknown';
  return [source.name, facts.join(' · '), `Video: ${codec} · ${source.width}x${source.height} · ${rate}`];
}

/** The size of a cell's time, px: the font follows the cell's height (14 %, 8 to 48 px: 13 px on a 90 px cell). */
export function timestampFontPx(cellHeight: number): number {
  return clamp(Math.round(cellHeight * 0.14), 8, 48);
}

/**
 * Where a cell's time goes: a box (the text on a translucent band, as vcsi draws it) inside the cell.
 *
 * @param cell the cell's rectangle in its sheet, px.
 * @param position one of {@link TIMESTAMP_POSITIONS}.
 * @param textWidth the measured width of the label, px (the worker measures it in the shipped font).
 * @param fontPx the font size, px ({@link timestampFontPx}).
 * @returns `box`: the band, px, inset from the cell's edges by 0.3 × the font (centred on a middle position), kept
 *   inside the cell; `textX`/`textY`: where the text starts (left edge) and its vertical middle (canvas
 *   `textBaseline = 'middle'`), px.
 * Source: vcsi `--timestamp-position`, `--timestamp-horizontal-margin` / `--timestamp-vertical-margin`.
 */
export function timestampPlacement(
  cell: Rect,
  position: TimestampPosition,
  textWidth: number,
  fontPx: number,
): { box: Rect; textX: number; textY: number } {
  const padX = Math.max(1, Math.round(fontPx * 0.3));
  const padY = Math.max(1, Math.round(fontPx * 0.15));
  const inset = Math.max(1, Math.round(fontPx * 0.3));
  const width = Math.min(cell.width, Math.ceil(textWidth) + 2 * padX);
  const height = Math.min(cell.height, Math.ceil(fontPx * 1.2) + 2 * padY);
  const [vertical, horizontal] = position === 'center' ? ['middle', 'center'] : splitPosition(position);
  const x =
    horizontal === 'left'
      ? cell.x + inset
      : horizontal === 'right'
        ? cell.x + cell.width - inset - width
        : cell.x + Math.round((cell.width - width) / 2);
  const y =
    vertical === 'top'
      ? cell.y + inset
      : vertical === 'bottom'
        ? cell.y + cell.height - inset - height
        : cell.y + Math.round((cell.height - height) / 2);
  const box = {
    x: clamp(x, cell.x, cell.x + cell.width - width),
    y: clamp(y, cell.y, cell.y + cell.height - height),
    width,
    height,
  };
  return { box, textX: box.x + padX, textY: box.y + height / 2 };
}

function splitPosition(position: Exclude<TimestampPosition, 'center'>): [string, string] {
  if (position === 'top' || position === 'bottom') return [position, 'center'];
  if (position === 'left' || position === 'right') return ['middle', position];
  const [vertical, horizontal] = position.split('-') as [string, string];
  return [vertical, horizontal];
}

/**
 * The text colour that reads on a background: black on a light one, white on a dark one (WCAG relative luminance
 * over 0.5 is light).
 *
 * @param background a colour as core/sheet/colors.ts accepts it (`black`, `#1e90ff`).
 * @returns `#000000` or `#ffffff`.
 * @throws RangeError when the colour is not one core/sheet/colors.ts accepts.
 * Source: WCAG 2.1, "relative luminance" (sRGB linearised, 0.2126 R + 0.7152 G + 0.0722 B).
 */
export function textColorOn(background: string): string {
  const hex = cssColorToHex(background);
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return luminance > 0.5 ? '#000000' : '#ffffff';
}
