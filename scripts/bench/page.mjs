#!/usr/bin/env node
/**
 * P1 through the page ("the same through the page, from 'Create snapshots' to the zip
 * (what a person waits)"): the production build of the app in headless Chromium, the 10-minute benchmark video chosen
 * with the file input, P1's 30 times typed into "Time offsets", width 320, then for each run the time a person waits:
 * from the click on "Create snapshots" to the job shown finished (both taken in the page), plus from the click on
 * "Download zip" to the file saved.
 * Native ffmpeg does the same 30 snapshots right after (native.mjs, `-threads 1`, one process a snapshot).
 *
 * `node scripts/bench/page.mjs` (after `npm run bench` has made the inputs, or it makes them). Runs: the first job of
 * the page (its job workers start on the click) and `SNAPFRAME_PAGE_RUNS - 1` more (default 3 in all), each followed by
 * native. Reported, never asserted. Environment: as run.mjs (SNAPFRAME_BENCH_DIR, SNAPFRAME_BENCH_DURATION,
 * SNAPFRAME_MEDIA, SNAPFRAME_CHROMIUM), SNAPFRAME_PAGE_RUNS.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { ensureInputs } from './inputs.mjs';
import { nativeSnapshots } from './native.mjs';
import { serveStatic } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BENCH_DIR = path.resolve(process.env.SNAPFRAME_BENCH_DIR ?? '/tmp/snapframe-bench');
const DURATION_SEC = Number(process.env.SNAPFRAME_BENCH_DURATION ?? 600);
const MEDIA_DIR = path.resolve(process.env.SNAPFRAME_MEDIA ?? path.join(ROOT, 'test-media'));
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.SNAPFRAME_PAGE_RUNS ?? 3));
const SNAPSHOTS = 30;

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  console.log(`P1 through the page: ${os.cpus().length} CPUs, load ${load()}`);
  const inputs = ensureInputs({ benchDir: BENCH_DIR, mediaDir: MEDIA_DIR, durationSec: DURATION_SEC });
  const outDir = path.join(BENCH_DIR, 'page-app');
  const build = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const downloads = path.join(BENCH_DIR, 'page-downloads');
  rmSync(downloads, { recursive: true, force: true });
  mkdirSync(downloads, { recursive: true });
  const rows = [];
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`  [page error] ${error.message}`));
    await page.goto(server.url);
    await page.getByLabel('Video file', { exact: true }).setInputFiles(inputs.short.path);
    const name = path.basename(inputs.short.path);
    await page.getByLabel('Video details', { exact: true }).filter({ hasText: name }).waitFor({ timeout: 90_000 });
    const durationMs = inputs.short.durationSec * 1000;
    const times = Array.from({ length: SNAPSHOTS }, (_, k) => Math.round(((k + 0.5) * durationMs) / SNAPSHOTS));
    await page.getByRole('textbox', { name: 'Time offsets', exact: true }).fill(times.join(', '));
    await page.getByLabel('Width', { exact: true }).fill('320');
    await page.getByLabel('Height', { exact: true }).fill('');
    const jobs = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
    for (let run = 1; run <= RUNS; run += 1) {
      const loadBefore = load();
      // The jobs already listed are marked, so the new one is found wherever the list puts it.
      await jobs.evaluateAll((items) => items.forEach((li) => li.setAttribute('data-bench-seen', '')));
      // Timed in the page: from the click event on "Create snapshots" to the first frame in which the new job shows
      // its outcome (a MutationObserver on the jobs list), so neither Playwright's actionability checks before the
      // click nor its polling for the outcome count.
      await page.evaluate(() => {
        const clock = (window.__benchClock = { clickMs: null, endMs: null });
        const onClick = (event) => {
          if (event.target instanceof Element && event.target.closest('button')?.textContent?.trim() === 'Create snapshots') {
            clock.clickMs = performance.now();
            document.removeEventListener('click', onClick, true);
          }
        };
        document.addEventListener('click', onClick, true);
        const observer = new MutationObserver(() => {
          const fresh = [...document.querySelectorAll('[aria-label="Jobs"] > li:not([data-bench-seen])')];
          if (clock.clickMs !== null && fresh.some((li) => /\b(Finished|Failed|Cancelled)\b/.test(li.textContent ?? ''))) {
            clock.endMs = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByRole('button', { name: 'Create snapshots', exact: true }).click();
      const job = jobs.and(page.locator(':not([data-bench-seen])')).first();
      await job.filter({ hasText: /\b(Finished|Failed|Cancelled)\b/ }).waitFor({ timeout: 600_000 });
      const clock = await page.evaluate(() => window.__benchClock);
      if (clock.clickMs === null || clock.endMs === null) throw new Error(`run ${run}: the page did not record the click and the outcome`);
      const finishedMs = clock.endMs - clock.clickMs;
      const text = await job.innerText();
      if (!/\bFinished\b/.test(text)) throw new Error(`run ${run}: the job did not finish: ${text}`);
      // Then the zip: from the click on "Download zip" to the file saved.
      const z0 = performance.now();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        page.getByRole('button', { name: 'Download zip' }).click(),
      ]);
      const zipPath = path.join(downloads, `run-${run}-${download.suggestedFilename()}`);
      await download.saveAs(zipPath);
      const zipMs = finishedMs + (performance.now() - z0);
      const native = nativeSnapshots(inputs.short.path, times, { outDir: path.join(BENCH_DIR, 'out', `native-page-${run}`) });
      const row = {
        run,
        first: run === 1,
        finishedMs: Math.round(finishedMs),
        zipMs: Math.round(zipMs),
        zipBytes: statSync(zipPath).size,
        nativeMs: Math.round(native.ms),
        ratio: +(zipMs / native.ms).toFixed(3),
        loadBefore,
        loadAfter: load(),
      };
      rows.push(row);
      console.log(
        `  run ${run}${run === 1 ? ' (first job: starts the job workers)' : ''}: click to zip ${s(zipMs)} (job finished after ` +
          `${s(finishedMs)}; zip ${(row.zipBytes / 1e6).toFixed(1)} MB), native ${s(native.ms)}: ${row.ratio}x; load ${loadBefore} -> ${row.loadAfter}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const ratios = rows.map((r) => r.ratio).sort((a, b) => a - b);
  console.log(
    `P1 through the page: median ${ratios[Math.floor(ratios.length / 2)]}x of native (target <= 0.35x), runs ${ratios.join(', ')}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
