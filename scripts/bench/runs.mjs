#!/usr/bin/env node
/**
 * `node scripts/bench/runs.mjs`: dense jobs on the ffmpeg.wasm path, to measure decode runs (docs/ENGINE.md,
 * "Decode only what is needed"): wall time and the number of ffmpeg/ffprobe executions of each job. Not a test:
 * nothing is asserted.
 *
 * Builds the headless page (headlessPage.mjs) from SNAPFRAME_RUNS_ROOT (default: this repository; point it at an
 * export of an older commit, with node_modules linked, to measure the code before a change), serves it, and for
 * each case opens a fresh page with `?decoder=ffmpeg`, runs a one-snapshot warm-up job (starts the job worker and
 * loads ffmpeg.wasm; not measured), then the job. Executions are counted from the `snapframe:ffmpeg-exec` User
 * Timing marks of the page's workers (worker/sources/ffmpeg/host.ts; a root without them reports "-").
 * Cases: every 0.1 s of bbb_2500ms.ts (MPEG-2 1080p, 12 keyframes) and of sample_edit_list.mp4 (HEVC 1080p,
 * 3 keyframes) at 320 px, exact and keyframe; a 40-cell sprite and 40 exact snapshots of public/sample.mp4.
 * Environment: SNAPFRAME_RUNS_ROOT, SNAPFRAME_MEDIA, SNAPFRAME_CHROMIUM, SNAPFRAME_BENCH_DIR.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { buildHeadlessPage, openHeadlessPage, probeInPage, runInPage } from './headlessPage.mjs';
import { serveStatic } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const ROOT = path.resolve(process.env.SNAPFRAME_RUNS_ROOT ?? REPO);
const MEDIA_DIR = path.resolve(process.env.SNAPFRAME_MEDIA ?? path.join(REPO, 'test-media'));
const BENCH_DIR = path.resolve(process.env.SNAPFRAME_BENCH_DIR ?? '/tmp/snapframe-bench', 'runs');
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';

const CASES = [
  {
    file: path.join(MEDIA_DIR, 'bbb_2500ms.ts'),
    label: 'MPEG-2 TS, 25 exact every 0.1 s',
    input: { mode: 'sample', interval: '0.1', width: '320' },
  },
  {
    file: path.join(MEDIA_DIR, 'bbb_2500ms.ts'),
    label: 'MPEG-2 TS, 25 keyframe every 0.1 s',
    input: { mode: 'sample', interval: '0.1', width: '320', frameType: 'keyframe' },
  },
  {
    file: path.join(MEDIA_DIR, 'sample_edit_list.mp4'),
    label: 'HEVC, 26 exact every 0.1 s',
    input: { mode: 'sample', interval: '0.1', width: '320' },
  },
  {
    file: path.join(ROOT, 'public', 'sample.mp4'),
    label: 'sample.mp4, 40 exact every 0.25 s',
    input: { mode: 'sample', interval: '0.25', width: '320' },
  },
  {
    file: path.join(ROOT, 'public', 'sample.mp4'),
    label: 'sample.mp4, sprite 40 cells 160x90',
    input: { mode: 'sprite', interval: '0.25', cellWidth: '160', cellHeight: '90', columns: '8', lines: '5' },
  },
];

/** ffmpeg executions marked so far in the page's workers, or null when the build makes no marks. */
async function execs(page) {
  let total = 0;
  let seen = false;
  for (const worker of page.workers()) {
    const n = await worker.evaluate(() => performance.getEntriesByName('snapframe:ffmpeg-exec').length).catch(() => 0);
    total += n;
    seen ||= n > 0;
  }
  return seen ? total : null;
}

async function main() {
  console.log(
    `Decode runs on ffmpeg.wasm: root ${ROOT} (commit ${spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || '?'})`,
  );
  const built = buildHeadlessPage(ROOT, path.join(BENCH_DIR, 'page'));
  const server = await serveStatic(path.join(BENCH_DIR, 'page'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
  try {
    for (const c of CASES) {
      const page = await browser.newPage();
      await openHeadlessPage(page, server.url, built, '?decoder=ffmpeg');
      await page.setInputFiles('#files', [c.file]);
      const { source } = await probeInPage(page, 0);
      await runInPage(page, 0, source, { mode: 'offsets', offsetsText: '0', width: '160' }, 'warmup');
      const before = await execs(page);
      const result = await runInPage(page, 0, source, c.input, 'job');
      const after = await execs(page);
      const count = before === null || after === null ? '-' : String(after - before);
      const made = result.outputs.filter((o) => o.kind !== 'vtt').length;
      console.log(
        `  ${c.label}: ${(result.ms / 1000).toFixed(2)} s, ${count} executions, ${result.requested} times, ` +
          `${made} images, ${result.skipped.length} skipped, decoder ${result.decoder}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
