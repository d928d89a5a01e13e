/**
 * "Animated preview": a person turns it on in Interval mode (and in Sprite sheet mode), sets the frame
 * rate and width, and gets `preview.gif` and `preview.webm` beside the images, listed in the manifest and the zip.
 * Both are decoded back with Debian's ffmpeg: frame count, size, every frame's time and duration, and every frame
 * against native ffmpeg's frame at its planned time (the neighbours rule of frameMatch.ts proves it is that frame,
 * not the one before or after).
 * Tolerances: the WebM (VP9 at mediabunny's QUALITY_HIGH) within D0_MAX + 2; the GIF within GIF_LIMIT, for a
 * 256-colour palette per frame without dithering (gifenc) on photographic frames: quantisation alone costs a mean
 * absolute error of 4.7 levels of 255 at worst on these frames (measured; the VP9 clip 2.0 to 3.5).
 */
import fs from 'node:fs';
import path from 'node:path';
import { D0_MAX } from './support/accuracy';
import { decodeAnimation, probeAnimation } from './support/animation';
import { expect, test } from './support/fixtures';
import { SpecFormDriver } from './support/form';
import { compareWithFrames, type FrameItem } from './support/frameMatch';
import { MEDIA, mediaPath } from './support/media';
import { frameIndexAt, probeVideo, type ReferenceVideo } from './support/reference';
import { expectedSampleTimes } from './support/sampling';
import type { AnyManifestFile } from './support/sprites';
import { ZipArchive } from './support/zip';
import type { TestInfo } from '@playwright/test';

/** Largest mean absolute difference of a GIF frame to its reference frame (0–255 per channel). */
const GIF_LIMIT = 7;
const CLIP_LIMIT = D0_MAX + 2;

/** Checks one decoded preview: stream, timing, frames. @returns the worst difference to the reference frames. */
async function checkPreview(args: {
  zip: ZipArchive;
  name: string;
  ref: ReferenceVideo;
  times: number[];
  width: number;
  height: number;
  fps: number;
  codecs: string[];
  limit: number;
  testInfo: TestInfo;
}): Promise<number> {
  const { zip, name, ref, times, width, height, fps, testInfo } = args;
  const file = testInfo.outputPath(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await zip.bytes(name));
  const info = await probeAnimation(file);
  expect(args.codecs, `${name} codec`).toContain(info.codec);
  expect([info.width, info.height], `${name} size`).toEqual([width, height]);
  expect(info.frames.length, `${name}: one frame per planned time`).toBe(times.length);
  info.frames.forEach((f, k) => {
    expect.soft(Math.abs(f.ptsMs - (k * 1000) / fps), `${name} frame ${k} at ${f.ptsMs} ms`).toBeLessThanOrEqual(10);
    if (Number.isFinite(f.durationMs) && k < info.frames.length - 1) {
      expect.soft(Math.abs(f.durationMs - 1000 / fps), `${name} frame ${k} lasts ${f.durationMs} ms`).toBeLessThanOrEqual(10);
    }
  });
  const frames = await decodeAnimation(file, width, height);
  expect(frames.length).toBe(times.length);
  const items: FrameItem[] = frames.map((image, k) => ({
    label: `${name} frame ${k} (${times[k]} ms)`,
    image,
    k: frameIndexAt(ref.frames, times[k]!),
  }));
  const result = await compareWithFrames(ref, items, { limit: args.limit, testInfo, name: name.replace('.', '-') });
  const worst = Math.max(...result.rows.map((r) => r.d0));
  const line = `${name}: ${info.codec} ${width}x${height}, ${frames.length} frames at ${fps} fps, ${(await zip.bytes(name)).length} bytes, worst d0 ${worst.toFixed(2)} (limit ${args.limit})`;
  console.log(line);
  testInfo.annotations.push({ type: 'animation', description: line });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
  return worst;
}

test('Interval mode: preview.gif and preview.webm, one exact frame per planned time, at the rate and size set', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const file = mediaPath(MEDIA.flower);
  const ref = await probeVideo(file);
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 0.4 });
  expect(times).toHaveLength(13);

  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Interval');
  await form.fill({ 'Interval (s)': '0.4', Count: '', Width: '480', Height: '' });
  await expect(form.textbox('Preview frame rate'), 'the preview fields wait for "Animated preview"').toHaveCount(0);
  await form.setChecks({ 'Animated preview': true });
  await form.fill({ 'Preview frame rate': '5', 'Preview width': '320' });
  await form.expectPlanned(times, 'snapshot');

  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 120_000);
  await expect(page.getByRole('img', { name: 'Animated preview preview.gif', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'preview.webm', exact: true })).toBeVisible();

  const zip = await ZipArchive.open((await app.downloadZip()).zipPath);
  expect(zip.names).toContain('preview.gif');
  expect(zip.names).toContain('preview.webm');
  const manifest = await zip.manifest();
  expect.soft((manifest.spec as Record<string, unknown>).animation).toEqual({ frameRate: 5, width: 320, height: 180 });
  const entries = (manifest.files as AnyManifestFile[]).filter((f) => f.kind === 'animation');
  expect(entries.map((f) => [f.name, f.format, f.width, f.height, f.frameRate, f.frames, f.durationMs])).toEqual([
    ['preview.gif', 'gif', 320, 180, 5, 13, 2600],
    ['preview.webm', 'webm', 320, 180, 5, 13, 2600],
  ]);
  for (const f of entries) {
    expect.soft(f.requestedMs, `${f.name} requestedMs`).toEqual(times);
    const actual = f.actualMs as unknown as number[];
    actual.forEach((ms, k) =>
      expect.soft(Math.abs(ms - ref.frames[frameIndexAt(ref.frames, times[k]!)]!), `${f.name} actualMs ${k}`).toBeLessThanOrEqual(1),
    );
    expect.soft(f.bytes, `${f.name} bytes`).toBe((await zip.bytes(f.name)).length);
  }

  const common = { zip, ref, times, width: 320, height: 180, fps: 5, testInfo };
  await checkPreview({ ...common, name: 'preview.gif', codecs: ['gif'], limit: GIF_LIMIT });
  await checkPreview({ ...common, name: 'preview.webm', codecs: ['vp9', 'vp8', 'av1'], limit: CLIP_LIMIT });
});

test('Sprite sheet mode: the animated preview of the cells, sized from the cells by default', async ({ app, page }, testInfo) => {
  test.setTimeout(180_000);
  const file = mediaPath(MEDIA.bunnyWebm);
  const ref = await probeVideo(file);
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 0, count: 6 });

  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.bunnyWebm);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await form.fill({ 'Interval (s)': '0', Count: '6', 'Cell width': '160', 'Cell height': '90', Columns: 3, Lines: 2 });
  // Timestamps are drawn on the sheet only: the preview frames stay clean.
  await form.setChecks({ Timestamps: true, 'Animated preview': true });
  await form.fill({ 'Preview frame rate': '3' });
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 120_000);
  const zip = await ZipArchive.open((await app.downloadZip()).zipPath);
  expect([...zip.names].sort()).toEqual([
    'manifest.json',
    'preview.gif',
    'preview.webm',
    'sprite_000.jpg',
    'storyboard.json',
    'thumbnails.vtt',
  ]);
  const common = { zip, ref, times, width: 160, height: 90, fps: 3, testInfo };
  await checkPreview({ ...common, name: 'preview.gif', codecs: ['gif'], limit: GIF_LIMIT });
  await checkPreview({ ...common, name: 'preview.webm', codecs: ['vp9', 'vp8', 'av1'], limit: CLIP_LIMIT });
});
