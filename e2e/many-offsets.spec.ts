/**
 * Many snapshots in one job.
 * - 200 offsets on a VP9 file (WebCodecs: one forward pass), every image checked.
 * - The ffmpeg.wasm instance recycle (src/engine/worker/sources/ffmpeg/host.ts: a fresh instance every 40 executions,
 *   before the ~63-exec crash of docs/ENGINE.md "Measured facts"), for real: `?decoder=ffmpeg`, and times that cannot share a decode
 *   run (more than 10 s apart: core/decode/decodeRuns.ts indexSpans), so the job needs one exec per time, more than 80 in all.
 *   The executions and the recycles are counted from the job worker's User Timing marks (`snapframe:ffmpeg-exec`,
 *   `snapframe:ffmpeg-recycle`), and every frame is checked against native ffmpeg's.
 * - The same with the pool: 100 times on 2 job workers, each worker's instance crossing its own recycle.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from '@playwright/test';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

test('200 offsets on a VP9 file at width 160', async ({ app }, testInfo) => {
  test.setTimeout(300_000);
  const file = mediaPath(MEDIA.bunnyWebm);
  const offsets: OffsetCase[] = Array.from({ length: 200 }, (_, i) => ({ text: String(i * 50), ms: i * 50 }));
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.bunnyWebm);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(160);
  const job = await app.createSnapshots();
  expect((await job.progress()).total).toBe(200);
  const elapsed = await job.waitForStatus('Finished', 270_000);
  const line = `timing: ${MEDIA.bunnyWebm} 200 offsets at 160 px: ${elapsed} ms`;
  console.log(line);
  testInfo.annotations.push({ type: 'timing', description: line });
  await expect.soft(job.statusMessage).toContainText(`Finished: 200 snapshots of ${MEDIA.bunnyWebm}`);
  expect.soft(await job.alertTexts(), 'a finished job shows no warning').toEqual([]);
  expect.soft(await job.progress()).toEqual({ done: 200, total: 200 });

  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 160, height: 90 });
  expect(result.manifest.files).toHaveLength(200);
  expect(result.rows).toHaveLength(200);
  expect(result.problems, result.problems.join('\n')).toEqual([]);
});

/** Times in the recycle test: 90, each 10.5 s after the last (no two share a run), none on a frame boundary. */
const TIMES = 90;
const STEP_MS = 10_500;
/** host.ts RECYCLE_AFTER_EXECS. */
const RECYCLE_AFTER_EXECS = 40;

/** The User Timing marks of the given workers: executions, and recycles by reason. */
async function marks(workers: readonly Worker[]): Promise<{ execs: number; recycles: string[] }> {
  const out = { execs: 0, recycles: [] as string[] };
  for (const worker of workers) {
    const seen = await worker
      .evaluate(() => ({
        execs: performance.getEntriesByName('snapframe:ffmpeg-exec').length,
        recycles: performance.getEntriesByName('snapframe:ffmpeg-recycle').map((m) => String((m as PerformanceMark).detail)),
      }))
      .catch(() => ({ execs: 0, recycles: [] as string[] }));
    out.execs += seen.execs;
    out.recycles.push(...seen.recycles);
  }
  return out;
}

test('90 sparse offsets on ffmpeg.wasm: one exec each, two instance recycles, every frame exact', async ({ app }, testInfo) => {
  test.setTimeout(420_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-recycle-'));
  const file = path.join(dir, 'sparse.mp4');
  const durationSec = Math.ceil((TIMES * STEP_MS) / 1000) + 5;
  // 160x90 at 10 fps, a keyframe every 5 s: each time decodes at most 50 small frames.
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=160x90:rate=10`,
    '-t',
    String(durationSec),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '50',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  try {
    const offsets: OffsetCase[] = Array.from({ length: TIMES }, (_, i) => ({ text: String(350 + i * STEP_MS), ms: 350 + i * STEP_MS }));
    // One job worker: this counts the recycles of one instance (the pool's case is the next test).
    await app.page.goto('/?decoder=ffmpeg&workers=1');
    await app.chooseFile(file);
    await app.waitForProbe('sparse.mp4');
    const before = new Set(app.page.workers());
    await app.setOffsets(offsets.map((o) => o.text).join(', '));
    await app.setSize(160, 90);
    const job = await app.createSnapshots();
    const elapsed = await job.waitForStatus('Finished', 400_000);
    const counted = await marks(app.page.workers().filter((w) => !before.has(w)));
    const line = `sparse.mp4 ${TIMES} offsets on ffmpeg.wasm: ${elapsed} ms, ${counted.execs} execs, recycles: ${counted.recycles.join(', ') || 'none'}`;
    console.log(`recycle: ${line}`);
    testInfo.annotations.push({ type: 'recycle', description: line });

    const { zipPath, suggestedFilename } = await app.downloadZip();
    const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 160, height: 90 });
    expect(result.manifest.decoder).toBe('ffmpeg.wasm');
    expect(result.manifest.files).toHaveLength(TIMES);
    expect(result.problems, result.problems.join('\n')).toEqual([]);
    expect(counted.execs, 'one exec per time at least: no run shared them').toBeGreaterThanOrEqual(TIMES);
    const expected = Math.floor((counted.execs - 1) / RECYCLE_AFTER_EXECS);
    expect(expected).toBeGreaterThanOrEqual(2);
    expect(counted.recycles, `a recycle after every ${RECYCLE_AFTER_EXECS} execs`).toEqual(Array.from({ length: expected }, () => 'execs'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The ffmpeg.wasm instance recycle (worker/sources/ffmpeg/host.ts: every 40 executions) under a job, with the pool: a clip made
 * here with a keyframe every 4 s and one time in each GOP, forced onto ffmpeg.wasm, so that no two times share
 * a decode run and each is one exec (the one-time path). 100 times on 2 job workers are over 40 executions on each
 * worker's instance: every worker recycles, counted from its `snapframe:ffmpeg-exec` and `snapframe:ffmpeg-recycle`
 * User Timing marks, and every image is still the frame native ffmpeg gives for its time.
 */
test('100 offsets on ffmpeg.wasm with 2 job workers: each worker crosses an instance recycle, every frame exact', async ({
  app,
}, testInfo) => {
  test.setTimeout(600_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-recycle-'));
  try {
    const file = path.join(dir, 'gops.mp4');
    // 404 s at 160x90, 25 fps, a keyframe every 100 frames (4 s), no scene-cut keyframes.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x90:rate=25',
      '-t',
      '404',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-g',
      '100',
      '-keyint_min',
      '100',
      '-sc_threshold',
      '0',
      '-pix_fmt',
      'yuv420p',
      file,
    ]);
    // 0.5 s into each of 100 GOPs: going on from one time to the next keyframe (3.5 s, 87 frames) costs more than an
    // exec (80 frames at this size: worker/ffmpegRuns.ts), so no decode run holds two times: one exec per time.
    const offsets: OffsetCase[] = Array.from({ length: 100 }, (_, i) => ({ text: String(i * 4000 + 500), ms: i * 4000 + 500 }));
    await app.page.goto('/?decoder=ffmpeg&workers=2');
    await app.chooseFile(file);
    await app.waitForProbe('gops.mp4');
    const before = new Set(app.page.workers());
    await app.setOffsets(offsets.map((o) => o.text).join(', '));
    await app.setSize(160);
    const job = await app.createSnapshots();
    const elapsed = await job.waitForStatus('Finished', 540_000);
    const perWorker: Array<{ name: string; execs: number; recycles: number; frames: number }> = [];
    for (const worker of app.page.workers().filter((w) => !before.has(w))) {
      const entry = await worker
        .evaluate(() => ({
          name: self.name,
          execs: performance.getEntriesByName('snapframe:ffmpeg-exec').length,
          recycles: performance.getEntriesByName('snapframe:ffmpeg-recycle').length,
          frames: performance.getEntriesByName('snapframe:frame').length,
        }))
        .catch(() => null);
      if (entry?.name.startsWith('snapframe-job-')) perWorker.push(entry);
    }
    const line = `timing: gops.mp4 100 offsets on ffmpeg.wasm, 2 job workers: ${elapsed} ms; ${JSON.stringify(perWorker)}`;
    console.log(line);
    testInfo.annotations.push({ type: 'timing', description: line });
    expect(perWorker, 'two job workers ran').toHaveLength(2);
    for (const w of perWorker) {
      expect(w.frames, `${w.name} made a fair share`).toBeGreaterThanOrEqual(30);
      expect(w.execs, `${w.name}: more than 40 executions on its instances`).toBeGreaterThan(40);
      // One recycle per 40 executions on an instance, before the 41st.
      expect(w.recycles, `${w.name}: recycled once per 40 executions`).toBe(Math.floor((w.execs - 1) / 40));
    }
    expect(perWorker.reduce((a, w) => a + w.frames, 0)).toBe(100);

    const { zipPath, suggestedFilename } = await app.downloadZip();
    const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 160, height: 90 });
    expect(result.rows).toHaveLength(100);
    expect(result.problems, result.problems.join('\n')).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
