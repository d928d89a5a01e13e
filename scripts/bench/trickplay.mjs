#!/usr/bin/env node
/**
 * `npm run bench:trickplay` (not part of `npm test`): a long file's Jellyfin and BIF trickplay sets (an image every
 * 10 s, 320 px wide, 10 × 10 tiles: the preset "Trickplay for Roku / Plex / Jellyfin" with `bif,jellyfin`) made by
 * the `snapframe` command in keyframe mode and in exact mode, against Jellyfin's own recipe run natively with
 * Debian's ffmpeg (MediaEncoder.ExtractVideoImagesOnIntervalAccelerated without hardware: `-threads 1`, with
 * `-skip_frame nokey` for its keyframe-only option, else `setpts=N/<fps>/TB` before the filter; `fps=1/10`, a
 * 320 px wide scale, mjpeg at `-qscale:v 4`, TrickplayOptions' defaults). Jellyfin then tiles the JPEGs with Skia;
 * that step is not run here, so the native figures are its extraction only.
 * For each: wall time, images, images per second, with the load average before and after (the machine may be shared:
 * say so beside the figures).
 * Input: scripts/bench/inputs.mjs's files; SNAPFRAME_TRICKPLAY_INPUT=short (default: the D-second 1080p file,
 * SNAPFRAME_BENCH_DURATION, default 600 s), long (the 12 × D 1080p file, two hours by default, GOPs up to 250 frames)
 * or 2h (the two-hour 1280x720 30 fps file with a fixed 3 s GOP, item 4 of inputs.mjs).
 * SNAPFRAME_TRICKPLAY_RUNS: which runs, comma-separated, in this order (default all four): key, exact (snapframe),
 * native-key, native-exact (Jellyfin's recipe). The load average (1 min) is also sampled every 5 s during each run:
 * its mean and maximum are reported beside the figures.
 * Needs `npm run build` first (the app in dist/ or $SNAPFRAME_DIST, and dist-node/).
 * Environment: SNAPFRAME_BENCH_DIR, SNAPFRAME_BENCH_DURATION, SNAPFRAME_DIST, SNAPFRAME_MEDIA, FFMPEG.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInputs, ensureTrickplayInput, FFMPEG } from './inputs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.SNAPFRAME_DIST ?? path.join(ROOT, 'dist'));
const BENCH_DIR = process.env.SNAPFRAME_BENCH_DIR ?? '/tmp/snapframe-bench';
const DURATION = Number(process.env.SNAPFRAME_BENCH_DURATION ?? 600);
const WHICH = process.env.SNAPFRAME_TRICKPLAY_INPUT ?? 'short';
const RUNS = (process.env.SNAPFRAME_TRICKPLAY_RUNS ?? 'key,exact,native-key,native-exact').split(',').map((r) => r.trim());
const INTERVAL_S = 10;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * Runs a process to its end; resolves with its exit code, wall time (ms), stderr tail and the 1-minute load average
 * sampled every 5 s meanwhile (mean and max).
 */
function timed(cmd, args, env = process.env) {
  const t0 = performance.now();
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const samples = [os.loadavg()[0]];
  const sampler = setInterval(() => samples.push(os.loadavg()[0]), 5000);
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearInterval(sampler);
      const loadDuring = `mean ${(samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(1)}, max ${Math.max(...samples).toFixed(1)}`;
      resolve({ code, ms: performance.now() - t0, stderr: stderr.trim(), loadDuring });
    }),
  );
}

const inputs = ensureInputs({
  benchDir: BENCH_DIR,
  mediaDir: process.env.SNAPFRAME_MEDIA ?? path.join(ROOT, 'test-media'),
  durationSec: DURATION,
});
const video = WHICH === '2h' ? ensureTrickplayInput({ benchDir: BENCH_DIR }) : WHICH === 'long' ? inputs.long : inputs.short;
const [rateNum, rateDen] = String(video.frameRate).split('/').map(Number);
const fps = rateNum / (rateDen || 1);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-bench-trickplay-'));
const spec = path.join(tmp, 'trickplay.json');
const preset = {
  mode: 'sprite',
  start: '',
  interval: String(INTERVAL_S),
  count: '',
  format: 'jpg',
  quality: '90',
  cellWidth: '320',
  cellHeight: '',
  columns: '10',
  lines: '10',
  padding: '0',
  margin: '0',
  header: false,
  fixedSheetSize: true,
  trickplay: ['bif', 'jellyfin'],
};
fs.writeFileSync(spec, JSON.stringify({ snapframePresets: 1, presets: [{ name: 'bench', input: preset }] }));
console.log(
  `input: ${path.basename(video.path)}, ${video.durationSec.toFixed(1)} s, ${video.width}x${video.height} ${video.codec} ${video.frameRate}`,
);

const rows = [];
const report = (label, result, images) => {
  const row = {
    label,
    code: result.code,
    seconds: Number((result.ms / 1000).toFixed(1)),
    images,
    imagesPerSecond: Number((images / (result.ms / 1000)).toFixed(2)),
    loadBefore: result.loadBefore,
    loadDuring: result.loadDuring,
    loadAfter: load(),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
  if (result.code !== 0) console.log(result.stderr);
};

try {
  for (const keyframes of [true, false]) {
    if (!RUNS.includes(keyframes ? 'key' : 'exact')) continue;
    const out = path.join(tmp, `snapframe-${keyframes ? 'key' : 'exact'}`);
    const loadBefore = load();
    const args = [path.join(ROOT, 'bin/snapframe.mjs'), '--spec', spec, ...(keyframes ? ['--keyframes'] : []), '-o', out, video.path];
    const result = await timed(process.execPath, args, { ...process.env, SNAPFRAME_DIST: DIST });
    const folder = path.join(out, path.basename(video.path).replace(/\.[^.]+$/, ''));
    const manifest = result.code === 0 ? JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) : { files: [] };
    const bif = manifest.files.find((f) => f.kind === 'trickplay' && f.format === 'bif');
    report(`snapframe ${keyframes ? 'keyframe' : 'exact'} mode (BIF + Jellyfin tiles)`, { ...result, loadBefore }, bif?.images ?? 0);
  }
  for (const keyframes of [true, false]) {
    if (!RUNS.includes(keyframes ? 'native-key' : 'native-exact')) continue;
    const out = path.join(tmp, `native-${keyframes ? 'key' : 'exact'}`);
    fs.mkdirSync(out);
    const filter = `${keyframes ? '' : `setpts=N/${fps.toFixed(3)}/TB,`}fps=1/${INTERVAL_S},scale=320:-2`;
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-threads',
      '1',
      ...(keyframes ? ['-skip_frame', 'nokey'] : []),
      '-i',
      video.path,
      '-an',
      '-sn',
      '-vf',
      filter,
      '-threads',
      '1',
      '-c:v',
      'mjpeg',
      '-qscale:v',
      '4',
      '-f',
      'image2',
      path.join(out, '%08d.jpg'),
    ];
    const loadBefore = load();
    const result = await timed(FFMPEG, args);
    report(
      `Jellyfin's recipe, native ffmpeg${keyframes ? ' -skip_frame nokey' : ''} (extraction only)`,
      { ...result, loadBefore },
      fs.readdirSync(out).length,
    );
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log('\n| run | s | images | images/s | load before | load during (1 min) | load after |\n|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.label} | ${r.seconds} | ${r.images} | ${r.imagesPerSecond} | ${r.loadBefore} | ${r.loadDuring} | ${r.loadAfter} |`);
}
