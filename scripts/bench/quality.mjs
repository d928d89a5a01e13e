#!/usr/bin/env node
/**
 * `node scripts/bench/quality.mjs`: the quality window's and the cut pass's figures, one run each (not a test: nothing is asserted).
 * 1. Mode Shots: the cut pass over the 10-minute 1080p benchmark video (every frame decoded, measured at 160 px) in
 *    the bench page, against native ffmpeg 5.1 `-vf scdet=threshold=10 -f null -` over the same file (default threads),
 *    with both cut lists compared (a cut matches when within 1 ms).
 * 2. "Avoid dark or blurry frames": its cost, P1's job (30 exact snapshots, 320 px, middles of 30 equal parts of the
 *    10-minute file, WebCodecs) with the option off and on; and 40 exact snapshots of public/sample.mp4 every 0.25 s on
 *    ffmpeg.wasm (`?decoder=ffmpeg`) off and on.
 * Prints the load average before each step: the machine is shared. Environment: SNAPFRAME_BENCH_DIR,
 * SNAPFRAME_QUALITY_PAGE_DIR (where the bench page is built, default /tmp/snapframe-quality), SNAPFRAME_CHROMIUM, FFMPEG,
 * SNAPFRAME_QUALITY_SKIP (comma list of: native, cuts, avoid), SNAPFRAME_QUALITY_SCDET (a file of an earlier native
 * run's cut times, s, to compare with when native is skipped).
 */
import { spawnSync } from 'node:child_process';
import fs, { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { cpuSeconds, processTree } from './procmem.mjs';
import { buildHeadlessPage, openHeadlessPage, probeInPage, runInPage } from './headlessPage.mjs';
import { serveStatic } from './serve.mjs';

/** Chromium's main process: the child of this Node process that runs chromium (as scripts/bench/run.mjs finds it). */
function browserPid() {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('chrom')) return Number(name);
    } catch {
      /* gone */
    }
  }
  throw new Error('Could not find the Chromium process started by this run.');
}

/** User + system CPU seconds of Chromium's whole process tree so far. */
function browserCpu() {
  return processTree(browserPid()).reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const BENCH_ROOT = path.resolve(process.env.SNAPFRAME_BENCH_DIR ?? '/tmp/snapframe-bench');
const PAGE_DIR = path.resolve(process.env.SNAPFRAME_QUALITY_PAGE_DIR ?? '/tmp/snapframe-quality');
const VIDEO = path.join(BENCH_ROOT, 'bench-600s-1080p30.mp4');
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';
const FFMPEG = process.env.FFMPEG ?? 'ffmpeg';
const SKIP = new Set((process.env.SNAPFRAME_QUALITY_SKIP ?? '').split(',').filter(Boolean));

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/** Native scdet: wall and CPU time (s) and the cuts (ms). */
function nativeScdet() {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(
    '/usr/bin/time',
    ['-f', 'CPU %U %S', FFMPEG, '-hide_banner', '-nostats', '-nostdin', '-i', VIDEO, '-an', '-vf', 'scdet=threshold=10', '-f', 'null', '-'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = /CPU ([0-9.]+) ([0-9.]+)/.exec(res.stderr);
  const cuts = [...res.stderr.matchAll(/lavfi\.scd\.time: ([0-9.]+)/g)].map((m) => Number(m[1]) * 1000);
  return { wall, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null, cuts };
}

async function openPage(browser, server, built, decoder, file) {
  const page = await browser.newPage();
  await openHeadlessPage(page, server.url, built, decoder ? `?decoder=${decoder}` : '');
  await page.setInputFiles('#files', [file]);
  const { source } = await probeInPage(page, 0);
  return { page, source };
}

function diffCuts(ours, theirs) {
  const near = (a, list) => list.some((b) => Math.abs(a - b) < 1);
  return { onlyOurs: ours.filter((c) => !near(c, theirs)), onlyScdet: theirs.filter((c) => !near(c, ours)) };
}

async function avoidCase(browser, server, built, label, file, decoder, input) {
  const rows = [];
  for (const avoid of [false, true]) {
    const { page, source } = await openPage(browser, server, built, decoder, file);
    await runInPage(page, 0, source, { mode: 'offsets', offsetsText: '0', width: '160' }, 'warmup');
    const loadNow = load();
    const cpu0 = browserCpu();
    const r = await runInPage(page, 0, source, { ...input, avoidBadFrames: avoid }, 'job');
    const cpu = browserCpu() - cpu0;
    rows.push(
      `  ${label}, avoid ${avoid ? 'on ' : 'off'}: ${(r.ms / 1000).toFixed(2)} s wall, ${cpu.toFixed(1)} s CPU, ${r.outputs.length} images, decoder ${r.decoder} (load ${loadNow})`,
    );
    await page.close();
  }
  return rows;
}

async function main() {
  if (!fs.existsSync(VIDEO)) throw new Error(`${VIDEO} is missing: run npm run bench once (scripts/bench/inputs.mjs makes it).`);
  const commit = spawnSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  console.log(`Quality and shots figures, commit ${commit}, ${os.cpus().length} cores`);
  let native = null;
  if (!SKIP.has('native')) {
    console.log(`native scdet (load ${load()})…`);
    native = nativeScdet();
    fs.mkdirSync(PAGE_DIR, { recursive: true });
    console.log(
      `  native ffmpeg scdet: ${native.wall.toFixed(1)} s wall, ${native.cpu?.toFixed(1) ?? '?'} s CPU, ${native.cuts.length} cuts`,
    );
  }
  const built = buildHeadlessPage(REPO, path.join(PAGE_DIR, 'page'));
  const server = await serveStatic(path.join(PAGE_DIR, 'page'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
  try {
    if (!native && process.env.SNAPFRAME_QUALITY_SCDET) {
      // Cuts of an earlier native run (one `lavfi.scd.time` in seconds per line), to compare without running it again.
      native = {
        cuts: fs
          .readFileSync(process.env.SNAPFRAME_QUALITY_SCDET, 'utf8')
          .split(/\s+/)
          .filter(Boolean)
          .map((t) => Number(t) * 1000),
      };
    }
    if (!SKIP.has('cuts')) {
      const { page, source } = await openPage(browser, server, built, null, VIDEO);
      console.log(`Snapframe cut pass (load ${load()})…`);
      const cpu0 = browserCpu();
      const r = await page.evaluate((src) => window.snapframeHeadless.cuts(0, src, 10), source);
      const cpu = browserCpu() - cpu0;
      console.log(
        `  Snapframe cut pass: ${(r.ms / 1000).toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU (Chromium tree), ${r.frames} frames, ${r.cutsMs.length} cuts (load after ${load()})`,
      );
      fs.writeFileSync(path.join(PAGE_DIR, 'cuts.json'), JSON.stringify({ snapframe: r.cutsMs, scdet: native?.cuts ?? null }));
      if (native) {
        const d = diffCuts(r.cutsMs, native.cuts);
        console.log(
          `  vs scdet: ${native.cuts.length - d.onlyScdet.length} common; only Snapframe: ${d.onlyOurs.map((c) => c.toFixed(1)).join(', ') || 'none'}; only scdet: ${d.onlyScdet.map((c) => c.toFixed(1)).join(', ') || 'none'}`,
        );
      }
      await page.close();
    }
    if (!SKIP.has('avoid')) {
      const middles = Array.from({ length: 30 }, (_, k) => `${Math.round(((k + 0.5) * 600_000) / 30)}`).join(', ');
      for (const row of await avoidCase(browser, server, built, 'P1 (30 exact, 10-min 1080p, WebCodecs)', VIDEO, null, {
        mode: 'offsets',
        offsetsText: middles,
        width: '320',
      }))
        console.log(row);
      const sample = path.join(REPO, 'public', 'sample.mp4');
      for (const row of await avoidCase(browser, server, built, 'sample.mp4, 40 exact every 0.25 s, ffmpeg.wasm', sample, 'ffmpeg', {
        mode: 'sample',
        interval: '0.25',
        width: '320',
      }))
        console.log(row);
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
