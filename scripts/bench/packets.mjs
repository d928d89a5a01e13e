#!/usr/bin/env node
/**
 * P1 alone, with the packets the WebCodecs path sent to VideoDecoder and left out: 30 exact snapshots, 320 px wide, at the middles of 30 equal parts of the benchmark video, through
 * the engine's public API on the bench page (as scripts/bench/run.mjs does: fresh page, a one-snapshot warm-up job
 * first, not timed). Packets are summed from the workers' `snapframe:webcodecs-packets` User Timing marks
 * (src/engine/worker/sources/webcodecs/packetDecoder.ts), the warm-up's subtracted. Reports, asserts nothing.
 *
 * Usage: node scripts/bench/packets.mjs [video]   (default /tmp/snapframe-bench/bench-600s-1080p30.mp4)
 * Environment: SNAPFRAME_BENCH_ROOT (the source tree whose bench page is built, default this repository: point it at
 * an export of an older commit for a before/after), SNAPFRAME_PACKETS_OUT (where the page is built, default
 * /tmp/snapframe-packets), SNAPFRAME_CHROMIUM.
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { watchTree } from './procmem.mjs';
import { buildHeadlessPage, openHeadlessPage, probeInPage, runInPage } from './headlessPage.mjs';
import { serveStatic } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(process.env.SNAPFRAME_BENCH_ROOT ?? path.resolve(HERE, '../..'));
const OUT = path.resolve(process.env.SNAPFRAME_PACKETS_OUT ?? '/tmp/snapframe-packets');
const VIDEO = path.resolve(process.argv[2] ?? '/tmp/snapframe-bench/bench-600s-1080p30.mp4');
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Chromium's main process: the child of this Node process that runs chromium (as in run.mjs). */
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
  return null;
}

const built = buildHeadlessPage(ROOT, OUT);

const server = await serveStatic(OUT);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage();
  page.on('console', (msg) => (msg.type() === 'warning' || msg.type() === 'error') && console.log(`  [page ${msg.type()}] ${msg.text()}`));
  await openHeadlessPage(page, server.url, built);
  await page.setInputFiles('#files', [VIDEO]);
  const { source } = await probeInPage(page, 0);
  const times = Array.from({ length: 30 }, (_, k) => Math.round(((k + 0.5) * source.durationMs) / 30));
  const input = (offsetsText) => ({ mode: 'offsets', offsetsText, width: '320', format: 'jpg', frameType: 'accurate' });
  const packets = async () => {
    const total = { sent: 0, skipped: 0, standIns: 0, groups: 0 };
    for (const worker of page.workers()) {
      const marks = await worker
        .evaluate(() => performance.getEntriesByName('snapframe:webcodecs-packets').map((e) => e.detail))
        .catch(() => []);
      for (const m of marks) {
        total.sent += m.sent;
        total.skipped += m.skipped;
        total.standIns += m.standIns ?? 0;
        total.groups += 1;
      }
      total.fallbacks =
        (total.fallbacks ?? 0) +
        (await worker.evaluate(() => performance.getEntriesByName('snapframe:packet-decoder-fallback').length).catch(() => 0));
    }
    return total;
  };
  await runInPage(page, 0, source, input('1000'), 'warmup');
  const before = await packets();
  const loadBefore = load();
  const pid = browserPid();
  const watch = pid ? watchTree(pid) : null;
  const result = await runInPage(page, 0, source, input(times.join(',')), 'P1');
  const memory = watch?.stop();
  const after = await packets();
  const sent = after.sent - before.sent;
  const skipped = after.skipped - before.skipped;
  const standIns = after.standIns - before.standIns;
  console.log(
    `P1 on ${path.basename(VIDEO)} (${ROOT}): ${(result.ms / 1000).toFixed(2)} s, decoder ${result.decoder}, ${result.outputs.length} images`,
  );
  console.log(`  browser CPU ${memory ? memory.cpuSec.toFixed(1) : '?'} s, load ${loadBefore} -> ${load()}`);
  console.log(
    sent + skipped > 0
      ? `  packets: ${sent} sent to VideoDecoder (${standIns} of them stand-ins for reference pictures no target needs, ` +
          `${sent - standIns} decoded in full), ${skipped} left out (${((100 * skipped) / (sent + skipped)).toFixed(1)}% of ` +
          `${sent + skipped}) in ${after.groups - before.groups} GOPs`
      : '  packets: no snapframe:webcodecs-packets marks (a build without the packet decoder)',
  );
  if (after.fallbacks)
    console.log(`  the packet decoder handed the file back to mediabunny ${after.fallbacks} time(s) (snapframe:packet-decoder-fallback)`);
} finally {
  await browser.close();
  await server.close();
}
