#!/usr/bin/env node
/**
 * `npm run bench:interlaced`: what deinterlacing costs in the engine (docs/ENGINE.md "Deinterlacing"), per 1080i
 * frame. A 1080i25 H.264 MBAFF clip (20 s, top field first, x264 `interlaced=1`, made once from
 * test-media/bbb_2500ms.ts woven by `tinterlace=interleave_top`: moving content) gets 20 exact snapshots at 320 px
 * wide, in the headless page (src/headless), on each decoder (WebCodecs, ffmpeg.wasm), with Deinterlace Off and then
 * Auto (on for this file), each job on a fresh page after a one-snapshot warm-up; the difference per image is the
 * cost of deinterlacing one frame there (WebCodecs: the neighbours decoded again and bwdif in the worker; ffmpeg.wasm:
 * its bwdif filter in the decode). Then native ffmpeg per time (`-threads 1 -ss t -i IN -frames:v 1`, with
 * `-vf bwdif=mode=send_frame,scale=320:-2` and without bwdif), one process at a time and as many at once as there are
 * cores. (Native `-ss` cuts before the filter, so its bwdif sees the frame at t as the stream's first and builds the
 * other field from the kept one alone: cheaper, and not the picture a player shows.)
 * Prints one line per figure with the load average; writes nothing but the clip (in $SNAPFRAME_BENCH_DIR, default
 * /tmp/snapframe-bench) and the headless page build.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { buildHeadlessPage, openHeadlessPage, probeInPage } from './headlessPage.mjs';
import { FFMPEG } from './inputs.mjs';
import { serveStatic } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH_DIR = path.resolve(process.env.SNAPFRAME_BENCH_DIR ?? '/tmp/snapframe-bench');
const MEDIA_DIR = path.resolve(process.env.SNAPFRAME_MEDIA ?? path.join(ROOT, 'test-media'));
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';
const SNAPSHOTS = 20;
const SECONDS = 20;

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const print = (o) => console.log(JSON.stringify({ load: load(), ...o }));

/** The 1080i clip, made once (about a minute of x264 on two cores). */
function ensureClip() {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const clip = path.join(BENCH_DIR, `interlaced-1080i25-${SECONDS}s.ts`);
  if (fs.existsSync(clip) && fs.statSync(clip).size > 0) return clip;
  const temp = `${clip}.${process.pid}.tmp`;
  const args = ['-v', 'error', '-nostdin', '-y', '-stream_loop', '-1', '-i', path.join(MEDIA_DIR, 'bbb_2500ms.ts'), '-t', String(SECONDS)];
  const video = ['-an', '-vf', 'scale=1920:1080,fps=50,tinterlace=mode=interleave_top', '-c:v', 'libx264', '-preset', 'veryfast'];
  const x264 = ['-flags', '+ildct+ilme', '-x264-params', 'interlaced=1:tff=1:keyint=25:min-keyint=25:scenecut=0', '-f', 'mpegts'];
  const res = spawnSync(FFMPEG, [...args, ...video, ...x264, temp], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`making ${clip} failed: ${res.stderr}`);
  fs.renameSync(temp, clip);
  return clip;
}

/** One job in the page: `{ ms, decoder, images, deinterlace }`; throws the page's sentence. */
async function runJob(page, source, input, jobId, decoder) {
  const result = await page.evaluate(
    async ([src, inp, id, dec]) => {
      const r = await window.snapframeHeadless.run(0, src, inp, { jobId: id, decoder: dec });
      if (!r.ok) throw new Error(r.error?.message ?? `Invalid spec: ${JSON.stringify(r.problems)}`);
      return { ms: r.ms, decoder: r.decoder, images: r.outputs.length, deinterlace: r.manifest.deinterlace };
    },
    [source, input, jobId, decoder],
  );
  return result;
}

/** Native ffmpeg per time, `parallel` processes at once: wall ms. */
async function nativeRun(clip, timesMs, filters, parallel, outDir) {
  const queue = [...timesMs];
  const one = (ms) =>
    new Promise((resolve, reject) => {
      const vf = [...filters, 'scale=320:-2'].join(',');
      const args = [
        '-v',
        'error',
        '-nostdin',
        '-y',
        '-threads',
        '1',
        '-ss',
        (ms / 1000).toFixed(3),
        '-i',
        clip,
        '-frames:v',
        '1',
        '-vf',
        vf,
      ];
      const child = spawn(FFMPEG, [...args, path.join(outDir, `n_${ms}.jpg`)], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg at ${ms} ms: ${stderr}`))));
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let ms = queue.shift(); ms !== undefined; ms = queue.shift()) await one(ms);
    }),
  );
  return performance.now() - t0;
}

const clip = ensureClip();
const pageDir = path.join(BENCH_DIR, 'page-interlaced');
const built = buildHeadlessPage(ROOT, pageDir);
const server = await serveStatic(pageDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
console.log(`Deinterlacing in the engine: ${os.cpus().length} cores, load ${load()}, clip ${clip}`);
const perImage = {};
try {
  for (const decoder of ['webcodecs', 'ffmpeg']) {
    for (const deinterlace of ['off', 'auto']) {
      const page = await browser.newPage();
      await openHeadlessPage(page, server.url, built, `?decoder=${decoder}`);
      await page.setInputFiles('#files', [clip]);
      const { source } = await probeInPage(page, 0);
      const times = Array.from({ length: SNAPSHOTS }, (_, k) => Math.round(((k + 0.5) * source.durationMs) / SNAPSHOTS));
      const input = { mode: 'offsets', offsetsText: times.join(','), width: '320', deinterlace };
      await runJob(page, source, { ...input, offsetsText: '1000' }, `warm-${decoder}-${deinterlace}`, decoder);
      const r = await runJob(page, source, input, `job-${decoder}-${deinterlace}`, decoder);
      perImage[`${decoder}-${deinterlace}`] = r.ms / SNAPSHOTS;
      print({
        run: `snapframe ${decoder}, deinterlace ${deinterlace}`,
        decoder: r.decoder,
        deinterlaced: r.deinterlace.applied,
        images: r.images,
        ms: Math.round(r.ms),
        msPerImage: Math.round(r.ms / SNAPSHOTS),
      });
      await page.close();
    }
    print({
      run: `deinterlacing cost per 1080i frame, ${decoder}`,
      ms: Math.round(perImage[`${decoder}-auto`] - perImage[`${decoder}-off`]),
    });
  }
  const source = JSON.parse(
    spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'json', clip], { encoding: 'utf8' }).stdout,
  );
  const durationMs = Number(source.format.duration) * 1000;
  const times = Array.from({ length: SNAPSHOTS }, (_, k) => Math.round(((k + 0.5) * durationMs) / SNAPSHOTS));
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-interlaced-'));
  for (const parallel of [1, os.cpus().length]) {
    for (const filters of [[], ['bwdif=mode=send_frame']]) {
      const ms = await nativeRun(clip, times, filters, parallel, outDir);
      print({ run: `native ffmpeg -ss t, ${filters.length ? 'bwdif' : 'no deinterlacing'}, ${parallel} at once`, ms: Math.round(ms) });
    }
  }
  fs.rmSync(outDir, { recursive: true, force: true });
} finally {
  await browser.close();
  await server.close();
}
