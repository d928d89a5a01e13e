#!/usr/bin/env node
/**
 * `npm run bench:cli` (not part of `npm test`): the `snapframe` command on a folder of the nine test videos
 * (symbolic links in a temp folder), 10 offsets each (5 %, 15 %, … 95 %, full size, jpg 85), with `--jobs 1` and
 * `--jobs 2`, and the same batch through the page (the built app in headless Chromium: the nine files chosen at
 * once, "Create snapshots for 9 videos", until every job has ended). For each: wall time, and the peak memory of the
 * whole process tree (the command's node and its Chromium; for the page, Chromium), polled from /proc every 200 ms
 * (procmem.mjs), with the load average before and after (the machine may be shared: say so beside the figures).
 * Needs `npm run build` first (the app in dist/ or $SNAPFRAME_DIST, and dist-node/). `--no-page`: the command only;
 * `--page-only`: the page only.
 * Environment: SNAPFRAME_DIST, SNAPFRAME_MEDIA, SNAPFRAME_CHROMIUM (default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { watchTree } from './procmem.mjs';
import { serveStatic } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.SNAPFRAME_DIST ?? path.join(ROOT, 'dist'));
const MEDIA_DIR = path.resolve(process.env.SNAPFRAME_MEDIA ?? path.join(ROOT, 'test-media'));
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';
const OFFSETS = Array.from({ length: 10 }, (_, k) => `${5 + 10 * k}%`).join(', ');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

const videos = fs
  .readdirSync(MEDIA_DIR)
  .filter((n) => !n.endsWith('.md'))
  .sort();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-bench-cli-'));
const input = path.join(tmp, 'videos');
fs.mkdirSync(input);
for (const v of videos) fs.symlinkSync(path.join(MEDIA_DIR, v), path.join(input, v));

/** One run of the command; resolves with its figures. */
function runCommand(jobs) {
  const out = path.join(tmp, `out-jobs${jobs}`);
  const loadBefore = load();
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/snapframe.mjs'), '--offsets', OFFSETS, '--jobs', String(jobs), '--json', '-o', out, input],
    {
      env: { ...process.env, SNAPFRAME_DIST: DIST },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const watch = watchTree(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const memory = watch.stop();
      const events = stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const summary = events.find((e) => e.event === 'summary');
      resolve({
        label: `command --jobs ${jobs}`,
        code,
        ms,
        memory,
        loadBefore,
        loadAfter: load(),
        finished: summary?.finished,
        failed: summary?.failed,
        stderr: stderr.trim(),
      });
    });
  });
}

/** The chromium launched by this process (Playwright starts it as a direct child). */
function browserPid() {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('chrom')) return Number(name);
    } catch {
      /* gone */
    }
  }
  throw new Error('Could not find the Chromium process started by this run.');
}

/** The same batch through the page, as a person does it. */
async function runPage() {
  const server = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
  try {
    const watch = watchTree(browserPid());
    const loadBefore = load();
    const page = await browser.newPage();
    const t0 = performance.now();
    await page.goto(server.url);
    await page.getByLabel('Video file', { exact: true }).setInputFiles(videos.map((v) => path.join(input, v)));
    await page.getByRole('textbox', { name: 'Time offsets', exact: true }).fill(OFFSETS);
    const batch = page.getByRole('button', { name: `Create snapshots for ${videos.length} videos` });
    await batch.click({ timeout: 120_000 });
    const ended = () =>
      page.evaluate(() => {
        const items = [...document.querySelectorAll('[aria-label="Jobs"] > li')].map((li) => li.textContent ?? '');
        return {
          total: items.length,
          finished: items.filter((t) => /Finished/.test(t)).length,
          failed: items.filter((t) => /Failed/.test(t)).length,
        };
      });
    let state = await ended();
    const deadline = Date.now() + 15 * 60_000;
    while (state.total < videos.length || state.finished + state.failed < state.total) {
      if (Date.now() > deadline) {
        const texts = await page.evaluate(() => [...document.querySelectorAll('[aria-label="Jobs"] > li')].map((li) => li.textContent));
        throw new Error(`The page's jobs did not end in 15 minutes: ${JSON.stringify(texts)}`);
      }
      await page.waitForTimeout(250);
      state = await ended();
    }
    const ms = performance.now() - t0;
    return {
      label: 'page (one tab, its queue)',
      code: null,
      ms,
      memory: watch.stop(),
      loadBefore,
      loadAfter: load(),
      finished: state.finished,
      failed: state.failed,
      stderr: '',
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

console.log(
  `snapframe command vs page: ${videos.length} videos in ${MEDIA_DIR}, offsets ${OFFSETS}; ${os.cpus().length} CPUs, load ${load()}`,
);
const rows = [];
try {
  const print = (r) =>
    console.log(
      `  ${r.label}: ${s(r.ms)}, peak PSS ${r.memory.pssMB.toFixed(0)} MB, ${r.finished} done, ${r.failed} failed, load ${r.loadBefore} -> ${r.loadAfter}`,
    );
  if (!process.argv.includes('--page-only'))
    for (const jobs of [1, 2]) {
      rows.push(await runCommand(jobs));
      print(rows.at(-1));
    }
  if (!process.argv.includes('--no-page')) {
    rows.push(await runPage());
    print(rows.at(-1));
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log('\n| run | wall | peak PSS (sum) | peak RSS (sum) | processes | CPU | videos done / failed | load before -> after |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${s(r.ms)} | ${r.memory.pssMB.toFixed(0)} MB | ${r.memory.rssMB.toFixed(0)} MB | ${r.memory.processes} | ${r.memory.cpuSec.toFixed(0)} s | ` +
      `${r.finished} / ${r.failed} | ${r.loadBefore} -> ${r.loadAfter} |`,
  );
  if (r.stderr) console.log(`  stderr: ${r.stderr.replace(/\n/g, ' / ')}`);
}
