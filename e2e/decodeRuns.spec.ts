/**
 * Decode runs on the ffmpeg.wasm path (docs/ENGINE.md): dense jobs on the
 * 10 s public/sample.mp4 (H.264 640x360, 30 fps, a keyframe every 2 s), forced through ffmpeg.wasm with
 * `?decoder=ffmpeg`. Every image must still be the exact frame (or, in keyframe mode, the keyframe) native ffmpeg
 * gives for its time, and the job worker must have run far fewer ffmpeg executions than there are times (one run
 * per GOP plus one packet-index read), counted from the worker's `snapframe:ffmpeg-exec` User Timing marks.
 */
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import type { SnapframePage } from './support/app';
import { checkSnapshotZip, D0_MAX, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { SpecFormDriver } from './support/form';
import { compareWithFrames, type FrameItem } from './support/frameMatch';
import { crop } from './support/imageFormats';
import { decodeJpeg } from './support/images';
import { keyframeAtOrBefore, probeKeyframes } from './support/keyframes';
import { repoRoot } from './support/media';
import { frameIndexAt, probeVideo } from './support/reference';
import { expectedSampleTimes } from './support/sampling';
import type { AnyManifestFile } from './support/sprites';
import { ZipArchive } from './support/zip';

const FILE = path.join(repoRoot, 'public', 'sample.mp4');
const NAME = 'sample.mp4';
/** 40 times in 10 s: 5 GOPs, so 5 runs and one packet-index read; a few to spare for an engine recycle. */
const MAX_EXECS = 10;

const log = (testInfo: { annotations: Array<{ type: string; description?: string }> }, line: string) => {
  console.log(`decode runs: ${line}`);
  testInfo.annotations.push({ type: 'decode runs', description: line });
};

/** ffmpeg/ffprobe executions counted in the given workers (worker/sources/ffmpeg/host.ts marks each one). */
async function execCount(workers: readonly Worker[]): Promise<number> {
  let total = 0;
  for (const worker of workers) {
    total += await worker.evaluate(() => performance.getEntriesByName('snapframe:ffmpeg-exec').length).catch(() => 0);
  }
  return total;
}

/**
 * Opens the app forcing ffmpeg.wasm and chooses the sample.
 * @returns the workers before any job (the preview engine's, which probes and renders thumbnails): the job's engine
 *   worker starts with the job
 */
async function openSampleOnFfmpeg(app: SnapframePage): Promise<Set<Worker>> {
  await app.page.goto('/?decoder=ffmpeg');
  await app.chooseFile(FILE);
  await app.waitForProbe(NAME);
  return new Set(app.page.workers());
}

const jobWorkers = (page: Page, before: Set<Worker>) => page.workers().filter((w) => !before.has(w));

test('40 exact snapshots 0.25 s apart on ffmpeg.wasm: every frame exact, one exec per GOP', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const ref = await probeVideo(FILE);
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 0.25 });
  expect(times).toHaveLength(40);
  const offsets: OffsetCase[] = times.map((ms) => ({ text: String(ms), ms, why: 'every 0.25 s' }));

  const before = await openSampleOnFfmpeg(app);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320, 180);
  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 200_000);
  const execs = await execCount(jobWorkers(app.page, before));
  log(testInfo, `${NAME} 40 offsets at 320x180 on ffmpeg.wasm: ${elapsed} ms, ${execs} ffmpeg executions`);

  const { zipPath, suggestedFilename } = await app.downloadZip();
  const check = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: FILE, offsets, width: 320, height: 180 });
  expect.soft(check.manifest.decoder).toBe('ffmpeg.wasm');
  expect(check.problems, check.problems.join('\n')).toEqual([]);
  expect(execs, 'the job decoded in runs (one exec per GOP), not one exec per time').toBeGreaterThan(0);
  expect(execs).toBeLessThanOrEqual(MAX_EXECS);
});

test('a 40-cell sprite (320x180 cells) on ffmpeg.wasm: every cell the frame at its time, one exec per GOP', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const ref = await probeVideo(FILE);
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 0.25 });

  const before = await openSampleOnFfmpeg(app);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await form.fill({ Start: '', 'Interval (s)': '0.25', Count: '', 'Cell width': '320', 'Cell height': '180' });
  await form.fill({ Columns: 8, Lines: 5, Padding: 0, Margin: 0 });
  await form.expectPlanned(times, 'cell');
  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 200_000);
  const execs = await execCount(jobWorkers(page, before));
  log(testInfo, `${NAME} sprite of 40 320x180 cells on ffmpeg.wasm: ${elapsed} ms, ${execs} ffmpeg executions`);

  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const manifest = await zip.manifest();
  expect.soft(manifest.decoder).toBe('ffmpeg.wasm');
  const sheet = (manifest.files as AnyManifestFile[]).find((f) => f.name === 'sprite_000.jpg');
  const cells = sheet?.cells ?? [];
  expect(cells.map((c) => c.requestedMs)).toEqual(times);
  const image = decodeJpeg(await zip.bytes('sprite_000.jpg'));
  const problems: string[] = [];
  const items: FrameItem[] = cells.map((c) => {
    const k = frameIndexAt(ref.frames, c.requestedMs);
    if (c.actualMs === null || Math.abs(c.actualMs - ref.frames[k]!) > 1) {
      problems.push(`cell ${c.index} (${c.requestedMs} ms): actualMs ${c.actualMs}, native frame #${k} at ${ref.frames[k]} ms`);
    }
    return { label: `cell ${c.index} (${c.requestedMs} ms)`, image: crop(image, c.x, c.y, c.width, c.height), k };
  });
  const frames = await compareWithFrames(ref, items, { testInfo, name: 'run-cells' });
  log(testInfo, `40 cells, worst d0 ${Math.max(...frames.rows.map((r) => r.d0)).toFixed(2)} (limit ${D0_MAX})`);
  expect([...problems, ...frames.problems], [...problems, ...frames.problems].join('\n')).toEqual([]);
  expect(execs).toBeGreaterThan(0);
  expect(execs).toBeLessThanOrEqual(MAX_EXECS);
});

test('40 keyframe snapshots on ffmpeg.wasm: each the keyframe at or before its time, decoded once per keyframe', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const ref = await probeVideo(FILE);
  const keys = await probeKeyframes(FILE);
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 0.25 });
  const wanted = times.map((t) => keyframeAtOrBefore(keys, t));

  const before = await openSampleOnFfmpeg(app);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Interval');
  await form.fill({ Start: '', 'Interval (s)': '0.25', Count: '', Width: '320', Height: '' });
  await form.choose({ 'Frame type': 'keyframe' });
  await form.expectPlanned(times, 'snapshot');
  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 200_000);
  const execs = await execCount(jobWorkers(page, before));
  log(testInfo, `${NAME} 40 keyframe snapshots on ffmpeg.wasm: ${elapsed} ms, ${execs} ffmpeg executions`);

  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const manifest = await zip.manifest();
  const files = manifest.files as AnyManifestFile[];
  expect(files.map((f) => f.requestedMs)).toEqual(times);
  const problems: string[] = [];
  const items: FrameItem[] = [];
  for (const [i, f] of files.entries()) {
    if (f.actualMs == null || Math.abs(f.actualMs - wanted[i]!) > 1)
      problems.push(`${f.name}: actualMs ${f.actualMs}, keyframe ${wanted[i]} ms`);
    items.push({
      label: f.name,
      image: decodeJpeg(await zip.bytes(f.name)),
      k: frameIndexAt(ref.frames, wanted[i]!),
      skipNeighbours: true,
    });
  }
  const frames = await compareWithFrames(ref, items, { testInfo, name: 'run-keyframes' });
  expect([...problems, ...frames.problems], [...problems, ...frames.problems].join('\n')).toEqual([]);
  expect(execs).toBeGreaterThan(0);
  expect(execs, 'one decoded keyframe per GOP, not one per time').toBeLessThanOrEqual(MAX_EXECS);
});
