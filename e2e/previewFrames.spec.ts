/**
 * The engine's preview and the timeline's filmstrip against native ffmpeg, on a video only ffmpeg.wasm decodes here:
 * HEVC in MPEG-TS with AAC, as ffmpeg writes it by default (the mux delay: video and audio from about 1.4 s, so the
 * stream's timestamps start past 1 s; the kind whose preview and thumbnails were once all black). The preview at 0:00
 * must be the video's first frame, labelled with its time (SPEC: before the first frame, the first frame), every filmstrip thumbnail the keyframe its `data-ms`
 * names, both as native ffmpeg decodes them (near that frame, and nearer it than the frames before and after it), and a job of three times must finish with native ffmpeg's frames.
 */
import type { Locator } from '@playwright/test';
import { checkSnapshotZip, D0_MAX } from './support/accuracy';
import { makeClip, matrixClips } from './support/clips';
import { expect, test } from './support/fixtures';
import { meanAbsDiff, rgbImage, type RgbImage } from './support/images';
import { probeKeyframes } from './support/keyframes';
import { frameIndexAt, probeVideo, referenceFrames } from './support/reference';

const RECIPE = matrixClips().find((r) => r.name === 'hevc-open-gop.ts')!;

/** The pixels a canvas shows (the engine preview is a bitmap in a canvas: src/lib/BitmapImage.tsx), as RGB. */
async function canvasPixels(canvas: Locator): Promise<RgbImage> {
  await expect(canvas, 'the preview is drawn').toHaveAttribute('data-shown', 'true', { timeout: 60_000 });
  const { width, height, rgb } = await canvas.evaluate((el: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [el.width, el.height];
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(el, 0, 0);
    const { data } = ctx.getImageData(0, 0, el.width, el.height);
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) out.push(data[i]!, data[i + 1]!, data[i + 2]!);
    return { width: el.width, height: el.height, rgb: out };
  });
  return rgbImage(width, height, Uint8Array.from(rgb));
}

/**
 * Thumbnails are 96 px wide JPEGs (quality 80): on testsrc2's sharp edges that alone puts them 8.3-9.6 from native
 * ffmpeg's frame at that size (measured), where a black or grey picture is 60 and more away.
 */
const THUMB_D0_MAX = 12;

/**
 * Distances (mean absolute difference, 0-255) from native ffmpeg's frames `k - 1`, `k` and `k + 1` at the image's
 * size (`dPrev` Infinity for the first frame).
 */
async function distances(file: string, image: RgbImage, k: number): Promise<{ d0: number; dPrev: number; dNext: number }> {
  const wanted = [k - 1, k, k + 1].filter((i) => i >= 0);
  const refs = await referenceFrames(file, wanted, image.width, image.height);
  const d = (i: number) => (refs.has(i) ? meanAbsDiff(image, rgbImage(image.width, image.height, refs.get(i)!)) : Infinity);
  return { d0: d(k), dPrev: d(k - 1), dNext: d(k + 1) };
}

/** The image is frame k: near it, and nearer it than its neighbours. */
const isFrame = (d: { d0: number; dPrev: number; dNext: number }, max: number) => d.d0 <= max && d.d0 < d.dPrev && d.d0 < d.dNext;
const fmt = (d: { d0: number; dPrev: number; dNext: number }) =>
  `d0 ${d.d0.toFixed(2)}, prev ${d.dPrev.toFixed(2)}, next ${d.dNext.toFixed(2)}`;

test("HEVC in MPEG-TS from 1.4 s (ffmpeg's default mux delay): the preview at 0:00, every filmstrip thumbnail and a job's images are native ffmpeg's frames", async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const file = await makeClip(RECIPE);
  const ref = await probeVideo(file);
  expect(ref.startTimeMs, 'the clip starts past 1 s, as the reported file did').toBeGreaterThan(1000);
  const keyframes = await probeKeyframes(file);
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(RECIPE.name);
  const problems: string[] = [];
  const rows: string[] = [];

  // Time 0 precedes the first video frame when the audio starts first: the first frame is shown, labelled with its time.
  const firstLabel = `Frame at 0:00.${String(Math.round(ref.frames[0]!)).padStart(3, '0')}`;
  const preview = app.page.getByRole('img', { name: /^Frame at / });
  await expect(preview).toHaveAccessibleName(firstLabel, { timeout: 60_000 });
  const shown = await canvasPixels(preview);
  const first = await distances(file, shown, 0);
  rows.push(`preview 0:00 ${shown.width}x${shown.height}: ${fmt(first)}`);
  if (!isFrame(first, D0_MAX)) problems.push(`the preview at 0:00 is not the first frame (${rows[0]})`);

  const thumbs = app.page.locator('.timeline__strip img');
  // Every slot of the strip gets its thumbnail (filled coarse to fine, one at a time).
  const slots = await app.page.locator('.timeline__strip .timeline__thumb').count();
  await expect(thumbs).toHaveCount(slots, { timeout: 90_000 });
  await expect
    .poll(() => thumbs.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).complete)), { timeout: 60_000 })
    .toBe(true);
  // Each thumbnail as the page shows it: drawn into a canvas (the page's CSP lets no script fetch its blob: URLs).
  const read = await thumbs.evaluateAll((all) =>
    all.map((el) => {
      const img = el as HTMLImageElement;
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const rgb: number[] = [];
      for (let i = 0; i < data.length; i += 4) rgb.push(data[i]!, data[i + 1]!, data[i + 2]!);
      return { ms: Number(img.getAttribute('data-ms')), width: canvas.width, height: canvas.height, rgb };
    }),
  );
  for (const { ms, width, height, rgb } of read) {
    const image = rgbImage(width, height, Uint8Array.from(rgb));
    const k = frameIndexAt(ref.frames, ms);
    const isKey = keyframes.some((t) => Math.abs(t - ref.frames[k]!) < 1);
    const d = await distances(file, image, k);
    rows.push(`thumb ${ms} ms (frame ${k}${isKey ? ', keyframe' : ''}): ${fmt(d)}`);
    if (!isKey) problems.push(`a thumbnail says ${ms} ms, which is not a keyframe (${keyframes.join(', ')})`);
    if (!isFrame(d, THUMB_D0_MAX)) problems.push(`the thumbnail of ${ms} ms is not native ffmpeg's frame ${k}`);
  }

  const offsets = [500, 1200, 2300].map((ms) => ({ text: String(ms), ms, why: 'spread over the clip' }));
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320, 180);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 60_000);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const check = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  problems.push(...check.problems);
  rows.push(...check.rows.map((r) => `job ${r.requestedMs} -> ${r.actualMs}: d0 ${r.d0}`));
  console.log(`previewFrames: ${RECIPE.name}, start ${ref.startTimeMs} ms\n  ${rows.join('\n  ')}`);
  testInfo.annotations.push({ type: 'previewFrames', description: rows.join('; ') });
  expect(problems, problems.join('\n')).toEqual([]);
});
