/**
 * "Is this image the frame it should be?" for any image (a sprite cell cut out of a sheet, a kept cell, a letterboxed
 * picture, a decoded WebP): compared with native ffmpeg's frames k-1, k, k+1 at the image's size, by the rules of
 * accuracy.ts (D0_MAX, NEIGHBOUR_MIN_SEPARATION).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import { D0_MAX, NEIGHBOUR_MIN_SEPARATION } from './accuracy';
import { isBlank, lumaStdDev, meanAbsDiff, rgbImage, writePng, type RgbImage } from './images';
import { referenceFrames, type ReferenceVideo } from './reference';

/** One image to judge. */
export interface FrameItem {
  /** For messages, e.g. `sprite_000.jpg cell 3 (1500 ms)`. */
  label: string;
  image: RgbImage;
  /** Index (into ReferenceVideo.frames) of the frame it must be. */
  k: number;
  /** Skip the "not like a neighbour" rule (e.g. keyframe mode, where the neighbours are not the question). */
  skipNeighbours?: boolean;
}

export interface FrameRow {
  label: string;
  k: number;
  frameMs: number;
  d0: number;
  dPrev: number | null;
  dNext: number | null;
  sepPrev: number | null;
  sepNext: number | null;
}

const r3 = (x: number | null) => (x === null ? null : Number(x.toFixed(3)));

/**
 * Compares every item with native ffmpeg's frames (decoded once for all items of one size).
 * @param limit largest allowed mean abs diff to frame k (default D0_MAX).
 * @returns one row per item and the problems (empty when all match). Mismatches are attached as PNGs when
 *   `testInfo` is given.
 */
export async function compareWithFrames(
  ref: ReferenceVideo,
  items: readonly FrameItem[],
  options: { limit?: number; testInfo?: TestInfo; name?: string; filters?: string } = {},
): Promise<{ rows: FrameRow[]; problems: string[] }> {
  const limit = options.limit ?? D0_MAX;
  const problems: string[] = [];
  const rows: FrameRow[] = [];
  const bySize = new Map<string, FrameItem[]>();
  for (const item of items) {
    const key = `${item.image.width}x${item.image.height}`;
    bySize.set(key, [...(bySize.get(key) ?? []), item]);
  }
  const mismatches: Array<{ item: FrameItem; expected: RgbImage }> = [];
  for (const group of bySize.values()) {
    const { width, height } = group[0]!.image;
    const wanted = new Set<number>();
    for (const { k } of group) for (const j of [k - 1, k, k + 1]) if (j >= 0 && j < ref.frames.length) wanted.add(j);
    const frames = await referenceFrames(ref.file, [...wanted], width, height, options.filters);
    const img = (j: number) => (frames.has(j) ? rgbImage(width, height, frames.get(j)!) : null);
    for (const item of group) {
      const { k, image, label } = item;
      const expected = img(k)!;
      const prev = img(k - 1);
      const next = img(k + 1);
      const d0 = meanAbsDiff(image, expected);
      const dPrev = prev ? meanAbsDiff(image, prev) : null;
      const dNext = next ? meanAbsDiff(image, next) : null;
      const sepPrev = prev ? meanAbsDiff(expected, prev) : null;
      const sepNext = next ? meanAbsDiff(expected, next) : null;
      rows.push({
        label,
        k,
        frameMs: Number(ref.frames[k]!.toFixed(3)),
        d0: r3(d0)!,
        dPrev: r3(dPrev),
        dNext: r3(dNext),
        sepPrev: r3(sepPrev),
        sepNext: r3(sepNext),
      });
      const before = problems.length;
      if (!isBlank(expected) && isBlank(image)) problems.push(`${label} is blank (luma std-dev ${lumaStdDev(image).toFixed(2)})`);
      if (!(d0 < limit))
        problems.push(`${label}: differs from frame #${k} (${ref.frames[k]!.toFixed(3)} ms) by ${d0.toFixed(2)} (limit ${limit})`);
      if (!item.skipNeighbours) {
        if (dPrev !== null && sepPrev !== null && sepPrev > NEIGHBOUR_MIN_SEPARATION && !(d0 < dPrev)) {
          problems.push(
            `${label} looks like frame #${k - 1} (diff ${dPrev.toFixed(2)}) more than the expected #${k} (diff ${d0.toFixed(2)}): one frame too early`,
          );
        }
        if (dNext !== null && sepNext !== null && sepNext > NEIGHBOUR_MIN_SEPARATION && !(d0 < dNext)) {
          problems.push(
            `${label} looks like frame #${k + 1} (diff ${dNext.toFixed(2)}) more than the expected #${k} (diff ${d0.toFixed(2)}): one frame too late`,
          );
        }
      }
      if (problems.length > before) mismatches.push({ item, expected });
    }
  }
  const { testInfo } = options;
  if (testInfo) {
    const name = options.name ?? 'frames';
    const report = testInfo.outputPath(`${name}-${Date.now()}.json`);
    fs.mkdirSync(path.dirname(report), { recursive: true });
    fs.writeFileSync(report, JSON.stringify({ limit, NEIGHBOUR_MIN_SEPARATION, rows, problems }, null, 2));
    await testInfo.attach(`${name}.json`, { path: report, contentType: 'application/json' });
    for (const { item, expected } of mismatches.slice(0, 6)) {
      const safe = item.label.replace(/[^\w.-]+/g, '_');
      const outPng = testInfo.outputPath('mismatch', `${safe}.output.png`);
      const refPng = testInfo.outputPath('mismatch', `${safe}.expected-frame-${item.k}.png`);
      await writePng(item.image, outPng);
      await writePng(expected, refPng);
      await testInfo.attach(`${item.label} output`, { path: outPng, contentType: 'image/png' });
      await testInfo.attach(`${item.label} expected frame ${item.k}`, { path: refPng, contentType: 'image/png' });
    }
  }
  return { rows, problems };
}
