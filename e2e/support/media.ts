import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory of this file (ESM: there is no `__dirname`). */
const here = path.dirname(fileURLToPath(import.meta.url));

/** Absolute path of the repository root (the folder holding playwright.config.ts). */
export const repoRoot = path.resolve(here, '../..');

/**
 * Folder of the shared test videos. Default: `../shared/media` next to the repository, read in place (never copied
 * into the repo). Override with the environment variable `SNAPFRAME_MEDIA`.
 */
export const mediaDir = process.env.SNAPFRAME_MEDIA
  ? path.resolve(process.env.SNAPFRAME_MEDIA)
  : path.resolve(repoRoot, '../shared/media');

/** The shared test videos (see ../shared/media/README.md). */
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
 * Absolute path of one shared test video.
 * @throws Error when the media folder or the file is missing: a test must never be skipped silently because its
 *   input is absent.
 */
export function mediaPath(name: string): string {
  if (!fs.existsSync(mediaDir) || !fs.statSync(mediaDir).isDirectory()) {
    throw new Error(
      `Test media folder not found: ${mediaDir}. The e2e tests read the shared videos in place from ../shared/media ` +
        `(relative to the repository root); set SNAPFRAME_MEDIA to another folder holding them.`,
    );
  }
  const file = path.join(mediaDir, name);
  if (!fs.existsSync(file)) {
    throw new Error(`Test video not found: ${file}. Expected it in ${mediaDir} (see ../shared/media/README.md).`);
  }
  return file;
}

/** File name without its last extension: `flower.mp4` -> `flower` (the app's zip and image base name). */
export function baseName(fileName: string): string {
  const name = path.basename(fileName);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
