#!/usr/bin/env node
/**
 * `node scripts/bench/animation.mjs`: what the "Animated preview" costs on the benchmark video, in time and
 * bytes. Not a test: nothing is asserted. Reads /tmp/snapframe-bench/bench-600s-1080p30.mp4 (made by inputs.mjs;
 * never rebuilt here), builds the bench page (vite.bench.config.ts) into its own folder, and runs, each on a fresh
 * page after a one-snapshot warm-up job (not measured), an Interval job of 60 exact frames (every 10 s) at 640 px:
 *   A without the animated preview; B with it at 320 px, 5 fps; C with it at 640 px, 5 fps.
 * Prints each job's wall time, the time its GIF and WebM took to encode (measured in the worker), their bytes and
 * the load average before and after. Environment: SNAPFRAME_BENCH_INPUT, SNAPFRAME_CHROMIUM.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { serveStatic } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const INPUT = path.resolve(process.env.SNAPFRAME_BENCH_INPUT ?? '/tmp/snapframe-bench/bench-600s-1080p30.mp4');
const PAGE_DIR = path.join(os.tmpdir(), 'snapframe-animation-bench');
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const BASE = { mode: 'sample', start: '', interval: '10', count: '', width: '640', height: '' };
const CASES = [
  { label: 'A: 60 frames, no animated preview', input: { ...BASE } },
  { label: 'B: + animated preview 320 px, 5 fps', input: { ...BASE, animation: true, animationFps: '5', animationWidth: '320' } },
  { label: 'C: + animated preview 640 px, 5 fps', input: { ...BASE, animation: true, animationFps: '5', animationWidth: '640' } },
];

async function main() {
  if (!existsSync(INPUT)) throw new Error(`${INPUT} is missing: make it with scripts/bench/inputs.mjs (npm run bench).`);
  console.log(`Animated preview cost on ${path.basename(INPUT)}: ${os.cpus().length} CPUs, load ${load()}`);
  const vite = path.join(ROOT, 'node_modules', '.bin', 'vite');
  const built = spawnSync(vite, ['build', '--config', path.join(HERE, 'vite.bench.config.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SNAPFRAME_BENCH_DIR: PAGE_DIR },
  });
  if (built.status !== 0) throw new Error(`vite build of the bench page failed:\n${built.stdout}\n${built.stderr}`);
  const server = await serveStatic(path.join(PAGE_DIR, 'page'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
  const base = { ms: 0 };
  try {
    // Which video codecs this Chromium's VideoEncoder takes (the clip uses the first of VP9, VP8, AV1 it encodes).
    const probe = await browser.newPage();
    await probe.goto(server.url);
    const codecs = await probe.evaluate(async () => {
      const configs = {
        'H.264 (avc1.42001f)': 'avc1.42001f',
        VP8: 'vp8',
        'VP9 (vp09.00.10.08)': 'vp09.00.10.08',
        'AV1 (av01.0.04M.08)': 'av01.0.04M.08',
        'HEVC (hvc1.1.6.L93.B0)': 'hvc1.1.6.L93.B0',
      };
      const out = {};
      for (const [name, codec] of Object.entries(configs)) {
        try {
          out[name] =
            (await VideoEncoder.isConfigSupported({ codec, width: 640, height: 360, bitrate: 1_000_000, framerate: 5 })).supported === true;
        } catch {
          out[name] = false;
        }
      }
      return out;
    });
    await probe.close();
    console.log(
      `  VideoEncoder here: ${Object.entries(codecs)
        .map(([k, v]) => `${k} ${v ? 'yes' : 'no'}`)
        .join(', ')}`,
    );
    for (const c of CASES) {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => window.snapframeBench?.ready === true, null, { timeout: 60_000 });
      await page.setInputFiles('#files', [INPUT]);
      const { source } = await page.evaluate(() => window.snapframeBench.probe(0));
      await page.evaluate(
        (src) => window.snapframeBench.run(0, src, { mode: 'offsets', offsetsText: '1000', width: '320' }, 'warmup'),
        source,
      );
      const before = load();
      const result = await page.evaluate(([src, input]) => window.snapframeBench.run(0, src, input, 'job'), [source, c.input]);
      const images = result.outputs.filter((o) => o.kind === 'snapshot');
      const previews = result.outputs.filter((o) => o.kind === 'animation');
      if (c.label.startsWith('A')) base.ms = result.ms;
      const delta = c.label.startsWith('A') ? '' : ` (+${((result.ms - base.ms) / 1000).toFixed(1)} s over A)`;
      console.log(
        `  ${c.label}: ${(result.ms / 1000).toFixed(1)} s${delta}, ${images.length} images, decoder ${result.decoder}, load ${before} -> ${load()}`,
      );
      for (const p of previews) {
        console.log(
          `    ${p.name}: ${p.codec} ${p.width}x${p.height}, ${p.frames} frames, ${(p.bytes / 1024).toFixed(0)} KiB, encoded in ${(p.encodeMs / 1000).toFixed(2)} s`,
        );
      }
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
