/**
 * The pool of job workers (docs/ENGINE.md "A pool of job workers"): the same job with `?workers=2` gives the same files,
 * byte for byte, as with `?workers=1` (names, order, manifest entries), and really ran on two job workers (each
 * counted its frames with the `snapframe:frame` User Timing mark; workers are told apart by `self.name`). Runs on
 * WebCodecs and on ffmpeg.wasm (`?decoder=ffmpeg`), for snapshots and for sprite sheets with kept cells; the page's
 * "Job workers" setting does what `?workers=2` does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { SnapframePage } from './support/app';
import { expect, test } from './support/fixtures';
import { SpecFormDriver } from './support/form';
import { ZipArchive } from './support/zip';

/**
 * A clip made here: H.264 1280x720, 30 fps, 20 s, a keyframe every 2 s: 10 GOPs to share out, and enough decoding per
 * GOP (1.5 s of frames) that a second worker is worth its start (src/engine/jobs/shardRun.ts: a shard must hold ~300 ms of
 * decoding; public/sample.mp4, 640x360 for 10 s, is below that with two shards).
 */
const NAME = 'gops720.mp4';
let FILE = '';
/** 19 times, one at 0.5 s and one at 1.5 s into each GOP. */
const OFFSETS = Array.from({ length: 19 }, (_, i) => `${i + 0.5}s`).join(', ');

let dir = '';
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-workers-'));
  FILE = path.join(dir, NAME);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-t',
    '20',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-g',
    '60',
    '-keyint_min',
    '60',
    '-sc_threshold',
    '0',
    '-pix_fmt',
    'yuv420p',
    FILE,
  ]);
});
test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  /** Entry names in zip order, and their bytes. */
  entries: Array<{ name: string; bytes: Buffer }>;
  /** manifest.json without the fields that differ from run to run. */
  manifest: Record<string, unknown>;
  /** Frames made per job worker (by `self.name`), workers with none left out. */
  framesByWorker: Record<string, number>;
}

/** Frames each job worker made so far (worker/index.ts marks every frame and cell). */
async function framesByWorker(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const worker of page.workers()) {
    const entry = await worker
      .evaluate(() => [self.name, performance.getEntriesByName('snapframe:frame').length] as const)
      .catch(() => null);
    if (entry && entry[0].startsWith('snapframe-job-') && entry[1] > 0) counts[entry[0]] = entry[1];
  }
  return counts;
}

async function runJob(
  app: SnapframePage,
  query: string,
  setup: (page: Page) => Promise<void>,
  testInfo: { annotations: Array<{ type: string; description?: string }> },
): Promise<Run> {
  await app.page.goto(`/${query}`);
  await app.chooseFile(FILE);
  await app.waitForProbe(NAME);
  await setup(app.page);
  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 120_000);
  const counts = await framesByWorker(app.page);
  const line = `workers: ${query || '(setting)'}: ${elapsed} ms, frames per job worker ${JSON.stringify(counts)}`;
  console.log(line);
  testInfo.annotations.push({ type: 'timing', description: line });
  expect(await job.alertTexts()).toEqual([]);
  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const entries = [];
  for (const name of zip.names.filter((n) => n !== 'manifest.json')) entries.push({ name, bytes: await zip.bytes(name) });
  const { jobId: _id, createdAt: _c, finishedAt: _f, ...manifest } = (await zip.manifest()) as unknown as Record<string, unknown>;
  return { entries, manifest, framesByWorker: counts };
}

function expectSameFiles(one: Run, other: Run, label: string): void {
  expect(
    other.entries.map((e) => e.name),
    `${label}: the same files in the same order`,
  ).toEqual(one.entries.map((e) => e.name));
  for (const [i, entry] of one.entries.entries()) {
    expect(other.entries[i]?.bytes.equals(entry.bytes), `${label}: ${entry.name} byte for byte`).toBe(true);
  }
  expect(other.manifest, `${label}: the manifest`).toEqual(one.manifest);
}

const offsetsSetup = async (page: Page) => {
  await page.getByRole('textbox', { name: 'Time offsets', exact: true }).fill(OFFSETS);
  await page.getByLabel('Width', { exact: true }).fill('320');
};

for (const decoder of ['webcodecs', 'ffmpeg'] as const) {
  test(`19 snapshots with ?workers=2 are byte-identical to ?workers=1 and ran on two job workers (${decoder})`, async ({
    app,
  }, testInfo) => {
    test.setTimeout(300_000);
    const d = decoder === 'ffmpeg' ? '&decoder=ffmpeg' : '';
    const one = await runJob(app, `?workers=1${d}`, offsetsSetup, testInfo);
    expect(Object.keys(one.framesByWorker)).toHaveLength(1);
    expect(one.entries).toHaveLength(19);
    expect(one.manifest.decoder).toBe(decoder === 'ffmpeg' ? 'ffmpeg.wasm' : 'webcodecs');

    const two = await runJob(
      app,
      `?workers=2${d}`,
      async (page) => {
        const select = page.getByLabel('Job workers', { exact: true });
        await expect(select, '?workers=N wins over the setting').toBeDisabled();
        await expect(select).toHaveValue('2');
        await offsetsSetup(page);
      },
      testInfo,
    );
    const counts = Object.values(two.framesByWorker);
    expect(counts, 'two job workers made frames').toHaveLength(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(19);
    expect(Math.min(...counts), 'both did a fair share').toBeGreaterThanOrEqual(5);
    expectSameFiles(one, two, '?workers=2');
  });
}

test('a sprite job (3 sheets, kept cells) with ?workers=2 is byte-identical to ?workers=1; the "Job workers" setting does the same', async ({
  app,
}, testInfo) => {
  test.setTimeout(300_000);
  const spriteSetup = (workers?: string) => async (page: Page) => {
    if (workers) await page.getByLabel('Job workers', { exact: true }).selectOption(workers);
    const form = new SpecFormDriver(page);
    await form.chooseMode('Sprite sheet');
    await form.fill({
      Start: '0.25',
      'Interval (s)': '0.5',
      Count: '24',
      'Cell width': '160',
      'Cell height': '',
      Columns: 4,
      Lines: 2,
      Padding: 2,
      Margin: 2,
    });
    await form.setChecks({ 'Keep cells': true });
  };
  const one = await runJob(app, '?workers=1', spriteSetup(), testInfo);
  expect(one.entries.map((e) => e.name).filter((n) => n.startsWith('sprite_'))).toEqual([
    'sprite_000.jpg',
    'sprite_001.jpg',
    'sprite_002.jpg',
  ]);
  expect(Object.keys(one.framesByWorker)).toHaveLength(1);

  const two = await runJob(app, '?workers=2', spriteSetup(), testInfo);
  expect(Object.keys(two.framesByWorker), 'two job workers made cells').toHaveLength(2);
  expectSameFiles(one, two, '?workers=2');

  // The page's setting, without the URL: chosen in the select, and kept for the next visit.
  const set = await runJob(app, '', spriteSetup('2'), testInfo);
  expect(Object.keys(set.framesByWorker), 'the setting gave two job workers').toHaveLength(2);
  expectSameFiles(one, set, 'Job workers = 2');
  await app.page.reload();
  await expect(app.page.getByLabel('Job workers', { exact: true })).toHaveValue('2');
});
