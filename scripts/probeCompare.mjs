#!/usr/bin/env node
/**
 * Compares the two probes on any video files: `node scripts/probeCompare.mjs FILE...` opens a build of the app in
 * headless Chromium twice (`?probe=ffprobe`, then `?probe=mediabunny`: README "Testing hooks"), chooses the files,
 * and prints, per file, "equal" or the SourceInfo fields that differ (or why a probe failed). e2e/probe.spec.ts does
 * the same on test-media/ and fails on any difference; this is for other files.
 * Serves $SNAPFRAME_DIST (default: builds into /tmp/snapframe-probe-dist). Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromiumFlags.mjs';
import { serveStatic } from './bench/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = process.argv.slice(2).map((f) => path.resolve(f));
if (files.length === 0) throw new Error('Usage: node scripts/probeCompare.mjs FILE...');
let dist = process.env.SNAPFRAME_DIST;
if (!dist) {
  dist = '/tmp/snapframe-probe-dist';
  const built = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
}
const server = await serveStatic(path.resolve(dist));
const browser = await chromium.launch({ executablePath: process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
const results = {};
try {
  for (const how of ['ffprobe', 'mediabunny']) {
    const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
    await page.goto(`${server.url}?probe=${how}`);
    await page.locator('input[type=file]').first().setInputFiles(files);
    await page.waitForFunction((n) => (window.snapframeProbes ?? []).length === n, files.length, { timeout: 300_000 });
    results[how] = await page.evaluate(() => window.snapframeProbes);
  }
} finally {
  await browser.close();
  await server.close();
}
for (const a of results.ffprobe) {
  const b = results.mediabunny.find((r) => r.name === a.name);
  if (!a.info || !b?.info) {
    console.log(
      `${a.name}: ffprobe ${a.info ? 'read it' : `failed (${a.error})`}; mediabunny ${b?.info ? 'read it' : `failed (${b?.error})`}`,
    );
    continue;
  }
  const diffs = Object.keys({ ...a.info, ...b.info }).filter((k) => JSON.stringify(a.info[k]) !== JSON.stringify(b.info[k]));
  console.log(
    `${a.name}: ${diffs.length === 0 ? 'equal' : diffs.map((k) => `${k} ffprobe ${JSON.stringify(a.info[k])}, mediabunny ${JSON.stringify(b.info[k])}`).join('; ')}`,
  );
}
