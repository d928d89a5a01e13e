#!/usr/bin/env node
/**
 * P7: a cold first visit drops flower.mp4; how long until its details show (ms), and how many bytes of
 * the ffmpeg.wasm core the page and its workers fetched meanwhile (the service worker's background precache for
 * offline use is counted apart). Not part of `npm test`; figures are reported, never asserted.
 *
 * Builds the app into $SNAPFRAME_FIRSTVISIT_DIST (default /tmp/snapframe-firstvisit-dist; SNAPFRAME_FIRSTVISIT_NO_BUILD=1
 * serves an existing build, e.g. of an older commit), serves it (serve.mjs), and runs SNAPFRAME_FIRSTVISIT_RUNS (5)
 * visits in headless Chromium, each in a fresh context (no service worker, empty HTTP cache): open the page, choose
 * the file, wait for "Video details". SNAPFRAME_FIRSTVISIT_FILE picks another file from test-media/.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { serveStatic } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.SNAPFRAME_FIRSTVISIT_DIST ?? '/tmp/snapframe-firstvisit-dist');
const RUNS = Number(process.env.SNAPFRAME_FIRSTVISIT_RUNS ?? 5);
const MEDIA = path.resolve(process.env.SNAPFRAME_MEDIA ?? path.join(ROOT, 'test-media'));
const FILE = process.env.SNAPFRAME_FIRSTVISIT_FILE ?? 'flower.mp4';
const CORE = /\/ffmpeg-core-[^/]*\.(js|wasm)(\?|$)/;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

if (!process.env.SNAPFRAME_FIRSTVISIT_NO_BUILD) {
  const built = spawnSync('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
}
const server = await serveStatic(DIST);
const browser = await chromium.launch({ executablePath: process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
const rows = [];
try {
  for (let run = 1; run <= RUNS; run += 1) {
    const context = await browser.newContext();
    const core = { engine: 0, engineRequests: 0, serviceWorker: 0 };
    context.on('requestfinished', (request) => {
      if (!CORE.test(request.url())) return;
      if (!request.serviceWorker()) core.engineRequests += 1;
      // A response the service worker answered from its cache reports no body size (negative): no download.
      void request.sizes().then((sizes) => {
        const bytes = Math.max(0, sizes.responseBodySize);
        if (request.serviceWorker()) core.serviceWorker += bytes;
        else core.engine += bytes;
      });
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('input[type=file]').first().waitFor({ state: 'attached' });
    const loadBefore = load();
    const t0 = performance.now();
    await page.locator('input[type=file]').first().setInputFiles(path.join(MEDIA, FILE));
    await page.locator('[aria-label="Video details"]').filter({ hasText: FILE }).waitFor({ timeout: 120_000 });
    const ms = Math.round(performance.now() - t0);
    await page.waitForTimeout(500);
    rows.push({
      run,
      ms,
      engineCoreRequests: core.engineRequests,
      engineCoreBytes: core.engine,
      serviceWorkerCoreBytes: core.serviceWorker,
      load: loadBefore,
    });
    console.log(
      `run ${run}: ${FILE} details after ${ms} ms; core requests from the page/workers ${core.engineRequests} (${core.engine} bytes downloaded), core bytes fetched by the service worker ${core.serviceWorker}; load ${loadBefore}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
console.log(
  `P7 ${FILE}: median ${sorted[Math.floor(sorted.length / 2)]} ms (min ${sorted[0]}, max ${sorted[sorted.length - 1]}) over ${rows.length} cold visits; load now ${load()}`,
);
