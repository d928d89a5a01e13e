/**
 * What each trickplay format allows, checked on the spec before anything is decoded. Each rule names its source.
 */
import type { FieldProblem } from '../job/spec';
import type { ImageFormat, JobMode, SampleParams, SpriteParams } from '../job/types';
import { TILE_FORMATS, type TrickplayFormat } from './formats';

/** Roku's BIF image sizes: 240 px wide for SD and 320 px for HD (240×180 / 320×240 at 4:3, 320×180 at 16:9). */
export const BIF_MAX_WIDTH_PX = 320;
export const BIF_MAX_HEIGHT_PX = 240;
/** Roku's and Jellyfin's interval, ms: an image every 10 s (Roku biftool, Jellyfin TrickplayOptions.Interval). */
export const TRICKPLAY_INTERVAL_MS = 10_000;
/** Jellyfin's defaults (TrickplayOptions): width 320 px, 10 × 10 tiles, JPEG quality 90; its smallest interval, ms. */
export const JELLYFIN_WIDTH_PX = 320;
export const JELLYFIN_GRID = 10;
export const JELLYFIN_JPEG_QUALITY = 90;
export const JELLYFIN_MIN_INTERVAL_MS = 1000;
/**
 * Largest sheet side for HLS and DASH tiles, px: AWS MediaConvert, whose image-based trick play targets Roku's HLS and
 * DASH thumbnails, rejects tiles over 4096 px high; Roku devices refuse oversized tiles (jellyfin-roku #14).
 */
export const TILE_MAX_SIDE_PX = 4096;

/** What the checks read from the validated parts of the spec. */
export interface TrickplayContext {
  mode: JobMode;
  format: ImageFormat;
  sampling: SampleParams;
  /** The image size in mode sample, the cell size in mode sprite, px. */
  size: { width: number; height: number };
  /** Mode sprite's parameters; null in mode sample. */
  sprite: SpriteParams | null;
}

const list = (formats: readonly TrickplayFormat[]): string =>
  formats.map((f) => (f === 'jellyfin' ? 'Jellyfin' : f.toUpperCase())).join(', ');

/**
 * Checks a trickplay choice against the job.
 *
 * @param formats the chosen formats (none: no problem).
 * @returns the problems, one per field at most, as sentences naming the rule and its fix:
 *   `format` not jpg (every format holds JPEG); `trickplay` when HLS, DASH or Jellyfin is chosen outside mode sprite,
 *   or their sheets are not plain grids (padding and margin 0, no header, every sheet full size); `start`, `interval`,
 *   `count` when the tile formats do not get one image every interval from 0 to the end (start 0, an interval in
 *   seconds, no count); `interval` when Jellyfin's interval is under 1 s; `cellWidth` when Jellyfin's width is odd;
 *   `columns` / `lines` when an HLS or DASH sheet side passes {@link TILE_MAX_SIDE_PX}; `width` / `height` (mode
 *   sample) or `cellWidth` / `cellHeight` (mode sprite) when a BIF image passes 320 × 240 px.
 * Sources: Roku "Trick mode support" (BIF sizes), DASH-IF IOP 4.3 §6.2.6 and the image media playlist spec (one
 *   duration per thumbnail), Jellyfin TrickplayManager (interval ≥ 1000 ms, even width, tiles padded to the full grid).
 */
export function trickplayProblems(formats: readonly TrickplayFormat[], job: TrickplayContext): FieldProblem[] {
  if (formats.length === 0) return [];
  const problems: FieldProblem[] = [];
  const add = (field: FieldProblem['field'], message: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ field, message });
  };
  if (job.format !== 'jpg') add('format', `Trickplay files hold JPEG images (${list(formats)}): choose the format jpg.`);
  const tiles = formats.filter((f) => TILE_FORMATS.includes(f));
  const sprite = job.sprite;
  if (tiles.length > 0 && (job.mode !== 'sprite' || !sprite)) {
    add(
      'trickplay',
      `${list(tiles)} trickplay ${tiles.length > 1 ? 'are' : 'is'} made of sprite sheets: choose the mode Sprite sheet (BIF works in both modes).`,
    );
  }
  if (tiles.length > 0 && sprite) {
    if (sprite.padding !== 0 || sprite.margin !== 0 || sprite.header || !sprite.fixedSheetSize) {
      add(
        'trickplay',
        `${list(tiles)} players find each thumbnail by its place in a plain grid: set padding and margin to 0, turn the header off and keep every sheet full size.`,
      );
    }
    const { startMs, intervalSec, percent, count } = job.sampling;
    const intervalMs = intervalSec * 1000;
    const rule = `${list(tiles)} need one image every interval from 0:00 to the end`;
    if (startMs !== 0) add('start', `${rule}: leave Start at 0.`);
    if (percent !== null || !(intervalSec > 0) || Math.abs(intervalMs - Math.round(intervalMs)) > 1e-6) {
      add('interval', `${rule}: give the interval in seconds, a whole number of ms (10 is Roku's and Jellyfin's).`);
    } else if (formats.includes('jellyfin') && intervalMs < JELLYFIN_MIN_INTERVAL_MS) {
      add('interval', `Jellyfin's smallest trickplay interval is 1 s (it resets shorter ones to 1 s); ${intervalSec} s is shorter.`);
    }
    if (count !== null) add('count', `${rule}: leave Count empty.`);
    if (formats.includes('jellyfin') && sprite.cellWidth % 2 !== 0) {
      add('cellWidth', `Jellyfin's thumbnail width is even (it rounds it down to even); ${sprite.cellWidth} px is odd.`);
    }
    const web = tiles.filter((f) => f !== 'jellyfin');
    const width = sprite.cellWidth * sprite.columns;
    const height = sprite.cellHeight * sprite.lines;
    if (web.length > 0 && width > TILE_MAX_SIDE_PX) {
      add(
        'columns',
        `The ${list(web)} sheets would be ${width} px wide; the limit is ${TILE_MAX_SIDE_PX} px per side for Roku's tiles. Use fewer columns or smaller cells.`,
      );
    }
    if (web.length > 0 && height > TILE_MAX_SIDE_PX) {
      add(
        'lines',
        `The ${list(web)} sheets would be ${height} px high; the limit is ${TILE_MAX_SIDE_PX} px per side for Roku's tiles. Use fewer lines or smaller cells.`,
      );
    }
  }
  if (formats.includes('bif')) {
    const [w, h] = job.mode === 'sprite' ? (['cellWidth', 'cellHeight'] as const) : (['width', 'height'] as const);
    const size = `${job.size.width}×${job.size.height} px`;
    if (job.size.width > BIF_MAX_WIDTH_PX) {
      add(
        w,
        `A BIF image would be ${size}; the limit is ${BIF_MAX_WIDTH_PX} px wide (Roku's BIF images: 240 px wide for SD, 320 for HD). Use a width of 320 or less.`,
      );
    } else if (job.size.height > BIF_MAX_HEIGHT_PX) {
      add(
        h,
        `A BIF image would be ${size}; the limit is ${BIF_MAX_HEIGHT_PX} px high (Roku's BIF images: 320×240 at 4:3, 320×180 at 16:9). Use a smaller height.`,
      );
    }
  }
  return problems;
}
