import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory of this file (ESM: there is no `__dirname`). */
const here = path.dirname(fileURLToPath(import.meta.url));

/** Absolute path of the repository root (the folder holding playwright.config.ts). */
export const repoRoot = path.resolve(here, '../..');

/** Folder of the test videos, in the repository (sources and licences in its README.md). */
export const mediaDir = path.resolve(repoRoot, 'test-media');

/** The test videos (see test-media/README.md). */
export const MEDIA = {
  flower: 'flower.mp4',
  flowerWebm: 'flower.webm',
  friday: 'friday.mp4',
  bunnyWebm: 'Big_Buck_Bunny_180_10s.webm',
  indeoAvi: 'video-15s.avi',
  mpeg2Ts: 'bbb_2500ms.ts',
  rotated: 'internal_emulator_transformer_output_270_rotated.mp4',
  hevcEditList: 'sample_edit_list.mp4',
  mov: 'sowt-with-video.mov',
} as const;

/**
 * Absolute path of one test video.
 * @throws Error when the media folder or the file is missing: a test must never be skipped silently because its
 *   input is absent.
 */
export function mediaPath(name: string): string {
  if (!fs.existsSync(mediaDir) || !fs.statSync(mediaDir).isDirectory()) {
    throw new Error(`Test media folder not found: ${mediaDir}. It is part of the repository: check out test-media/.`);
  }
  const file = path.join(mediaDir, name);
  if (!fs.existsSync(file)) {
    throw new Error(`Test video not found: ${file}. Expected it in ${mediaDir} (see test-media/README.md).`);
  }
  return file;
}

/** File name without its last extension: `flower.mp4` -> `flower` (the app's zip and image base name). */
export function baseName(fileName: string): string {
  const name = path.basename(fileName);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Rewrites the declared durations of an MP4 (`mvhd`, every `tkhd` and `mdhd`, version 0 boxes) to `seconds`, leaving
 * the sample tables, and so the streams' real length, untouched: a container whose declared duration is absurd.
 * @returns the patched bytes; @throws Error when the file has no version-0 mvhd
 */
export function withDeclaredDuration(mp4: Buffer, seconds: number): Buffer {
  const out = Buffer.from(mp4);
  let patched = 0;
  for (const type of ['mvhd', 'tkhd', 'mdhd']) {
    for (let at = out.indexOf(type); at >= 0; at = out.indexOf(type, at + 4)) {
      if (out[at + 4] !== 0) continue; // version 1 (64-bit fields): not used by the shared files
      // After the type: version+flags (4), creation (4), modification (4), then mvhd/mdhd: timescale, duration;
      // tkhd: track_ID, reserved, duration (in the movie timescale).
      const movieScale = out.readUInt32BE(out.indexOf('mvhd') + 16);
      if (type === 'tkhd') out.writeUInt32BE(Math.round(seconds * movieScale), at + 24);
      else out.writeUInt32BE(Math.round(seconds * out.readUInt32BE(at + 16)), at + 20);
      patched += 1;
    }
  }
  if (patched === 0 || out.indexOf('mvhd') < 0) throw new Error('withDeclaredDuration: no version-0 mvhd in this file');
  return out;
}

/**
 * Renames an MP4's H.264 sample entry to VVC (`avc1` -> `vvc1`, `avcC` -> `vvcC`): an MP4 whose video is in a codec
 * nothing here decodes (ffmpeg 5.1 has no VVC decoder). @throws Error when the file has no avc1 entry
 */
export function asVvc(mp4: Buffer): Buffer {
  const out = Buffer.from(mp4);
  // After the stsd: `avc1` also appears among the ftyp's compatible brands.
  const stsd = out.indexOf('stsd');
  for (const [from, to] of [
    ['avc1', 'vvc1'],
    ['avcC', 'vvcC'],
  ] as const) {
    const at = stsd < 0 ? -1 : out.indexOf(from, stsd);
    if (at < 0) throw new Error(`asVvc: no ${from} box in this file`);
    out.write(to, at, 'latin1');
  }
  return out;
}

/** `bytes` with `length` bytes from the middle on replaced by pseudo-random ones (seeded: the same every run). */
export function withDamagedMiddle(bytes: Buffer, length: number): Buffer {
  const out = Buffer.from(bytes);
  let seed = 6;
  const start = Math.floor(out.length / 2);
  for (let i = start; i < Math.min(out.length, start + length); i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out[i] = (seed >>> 16) & 0xff;
  }
  return out;
}

/**
 * Sets the first track's display matrix (`tkhd`, version 0) to a clockwise rotation, as phones record portrait
 * video: a landscape stream that players turn upright. (ffmpeg 5.1's CLI has no `-display_rotation`.) ffprobe then
 * reports `rotation: -degrees` (its counter-clockwise convention). @throws Error when there is no version-0 tkhd
 */
export function withRotation(mp4: Buffer, degrees: 90 | 180 | 270): Buffer {
  const out = Buffer.from(mp4);
  const at = out.indexOf('tkhd');
  if (at < 0 || out[at + 4] !== 0) throw new Error('withRotation: no version-0 tkhd in this file');
  // ISO/IEC 14496-12 tkhd: after the type, 40 bytes of fields, then the 3x3 matrix {a b u, c d v, x y w} (16.16,
  // except u, v, w 2.30). A clockwise turn by θ is a = cos θ, b = sin θ, c = −sin θ, d = cos θ.
  const [cos, sin] = ({ 90: [0, 1], 180: [-1, 0], 270: [0, -1] } as const)[degrees];
  const matrix = [cos * 0x10000, sin * 0x10000, 0, -sin * 0x10000, cos * 0x10000, 0, 0, 0, 0x40000000];
  matrix.forEach((value, k) => out.writeInt32BE(value, at + 44 + 4 * k));
  return out;
}
