/**
 * Names of output files: snapshots, sprite sheets, cells, the WebVTT index, zips. Names are safe as zip entries and
 * download names on every OS.
 */
import type { ImageFormat } from '../job/types';

/** Longest base name kept, in characters (code points). */
export const MAX_BASE_NAME_CHARS = 100;

/** Control characters (C0, DEL, C1) and bidirectional overrides/isolates, which can disguise an extension. */
const UNSAFE_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
/** Characters Windows forbids in file names. */
const RESERVED_CHARS = /[<>:"|?*]/g;

/**
 * The video's file name without its last extension, made safe for zip entries and download names.
 *
 * @param fileName the name as the user's file has it, possibly with a path, e.g. `C:\clips\flower.mp4`.
 * @returns the part after the last `/` or `\`, without its last extension, with control characters removed,
 *   Windows-reserved characters `<>:"|?*` replaced by `_`, `..` removed, no leading dots, no trailing dots or spaces,
 *   trimmed, at most {@link MAX_BASE_NAME_CHARS} characters; `video` when nothing is left. Unicode letters and inner
 *   spaces are kept, e.g. `"Été 2024.final.mov"` → `"Été 2024.final"`.
 */
export function videoBaseName(fileName: string): string {
  const leaf = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = leaf.lastIndexOf('.');
  const stem = dot > 0 ? leaf.slice(0, dot) : leaf;
  const cleaned = stem
    .replace(UNSAFE_CHARS, '')
    .replace(RESERVED_CHARS, '_')
    .replace(/\.{2,}/g, '')
    .trim()
    .replace(/^\.+/, '');
  const cut = Array.from(cleaned).slice(0, MAX_BASE_NAME_CHARS).join('');
  const base = cut.replace(/[\s.]+$/u, '');
  return base === '' ? 'video' : base;
}

/**
 * The file name of one snapshot: `<base>_<ms zero-padded to 8 digits>ms.<ext>`, e.g. (`flower.mp4`, 1500, `jpg`) →
 * `flower_00001500ms.jpg`. Times above 99999999 ms get more digits; names sort in time order below that.
 *
 * @param videoName the video's file name (see {@link videoBaseName}).
 * @param requestedMs the requested time, ms, ≥ 0; non-integers are rounded to the nearest ms.
 * @param format the image format; also the extension.
 * @throws RangeError when `requestedMs` is negative, NaN or infinite.
 * Source: the Snapframe issue ("<video-name>_<ms, zero-padded to 8 digits>ms.jpg").
 */
export function snapshotFileName(videoName: string, requestedMs: number, format: ImageFormat): string {
  if (!Number.isFinite(requestedMs) || requestedMs < 0) {
    throw new RangeError(`A snapshot time must be a non-negative number of ms, got ${requestedMs}.`);
  }
  return `${videoBaseName(videoName)}_${String(Math.round(requestedMs)).padStart(8, '0')}ms.${format}`;
}

/**
 * The name of the zip that holds a job's output: `<base>_snapshots.zip`, e.g. `flower.mp4` → `flower_snapshots.zip`.
 *
 * @param videoName the video's file name (see {@link videoBaseName}).
 */
export function zipFileName(videoName: string): string {
  return `${videoBaseName(videoName)}_snapshots.zip`;
}

/** Name of the WebVTT index of a sprite job (SPEC "Sprite sheets", Tencent `WebVttUrl`). */
export const VTT_FILE_NAME = 'thumbnails.vtt';

/** Names of the animated preview of a sample or sprite job: `preview.gif`, `preview.webm`. */
export function animationFileName(format: 'gif' | 'webm'): string {
  return `preview.${format}`;
}

function assertIndex(what: string, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`A ${what} index must be a whole number ≥ 0, got ${index}.`);
}

/**
 * The file name of one sprite sheet: `sprite_<index zero-padded to 3 digits>.<ext>`, e.g. (0, `jpg`) →
 * `sprite_000.jpg`, (12, `png`) → `sprite_012.png`; from 1000 sheets on the index gets more digits.
 *
 * @param index the sheet's index, 0-based, whole ≥ 0.
 * @param format the image format; also the extension.
 * @throws RangeError when `index` is not a whole number ≥ 0.
 * Source: docs/SPEC.md "Sprite sheets" (`sprite_000.jpg`, `sprite_001.jpg`, …).
 */
export function spriteSheetFileName(index: number, format: ImageFormat): string {
  assertIndex('sheet', index);
  return `sprite_${String(index).padStart(3, '0')}.${format}`;
}

/**
 * The file name of one kept sprite cell (Alibaba `KeepCellPic`): `<base>_cell_<index, 4 digits>_<ms, 8 digits>ms.<ext>`,
 * e.g. (`flower.mp4`, 7, 12000, `jpg`) → `flower_cell_0007_00012000ms.jpg`. Wider numbers get more digits.
 *
 * @param videoName the video's file name (see {@link videoBaseName}).
 * @param index the cell's global index (0-based, across sheets), whole ≥ 0.
 * @param requestedMs the cell's requested time, ms, ≥ 0; non-integers are rounded to the nearest ms.
 * @param format the image format; also the extension.
 * @throws RangeError when `index` is not a whole number ≥ 0, or `requestedMs` is negative, NaN or infinite.
 * Source: docs/SPEC.md "Sprite sheets" (`keepCells`); the snapshot naming of {@link snapshotFileName}.
 */
export function cellFileName(videoName: string, index: number, requestedMs: number, format: ImageFormat): string {
  assertIndex('cell', index);
  if (!Number.isFinite(requestedMs) || requestedMs < 0) {
    throw new RangeError(`A cell time must be a non-negative number of ms, got ${requestedMs}.`);
  }
  const ms = String(Math.round(requestedMs)).padStart(8, '0');
  return `${videoBaseName(videoName)}_cell_${String(index).padStart(4, '0')}_${ms}ms.${format}`;
}
