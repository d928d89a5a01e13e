#!/usr/bin/env node
/**
 * `npm run bench`: Snapframe's engine against native ffmpeg. Not part of `npm test`.
 *
 * 1. Makes the inputs if missing (inputs.mjs): a D-second 1080p30 H.264 video (D = 600 by default) and a 12 x D
 *    stream copy of it (two hours, > 2.5 GB by default), in $SNAPFRAME_BENCH_DIR (default /tmp/snapframe-bench).
 * 2. Builds the headless page (src/headless, with the app: `vite build`; it exposes src/engine/api.ts as
 *    window.snapframeHeadless) into the bench dir, serves it on a free port, opens it in headless Chromium and hands it both files through a
 *    hidden <input type=file> (File handles: the 2.5 GB file is never read whole).
 * 3. Runs, through the engine's public API (checkJobSpec + createSnapshotJob), one after another, each on a fresh
 *    page after a one-snapshot warm-up job that starts the engine worker (not timed):
 *      P1 30 exact snapshots, 320 px wide, at the middles of 30 equal parts of the short file
 *      P2 the same, keyframe mode
 *      P3 a 10x10 sprite sheet of 160x90 cells (sprite mode, 100 times spread evenly from 0)
 *      P4 P1 on the two-hour file: P1's 30 positions moved into its 12 copies of the short file (see p4Times)
 *      P6 P1 with 1, 2 and 4 job workers (the page's "Job workers" setting; P1-P4 use the machine's default)
 *      D1 a dense ffmpeg.wasm job: 26 exact snapshots of an HEVC 1080p clip (test-media/sample_edit_list.mp4,
 *         every 0.1 s from 0), with 1 and 2 job workers (HEVC is not decoded by WebCodecs here: ffmpeg.wasm)
 *    and after each, native ffmpeg doing the same job (native.mjs). While each P runs in the browser, the memory of
 *    Chromium's whole process tree is polled from /proc every 200 ms (procmem.mjs).
 * 4. Prints the table and writes it with the details to $SNAPFRAME_BENCH_DIR/bench-results.json.
 *
 * Targets are reported, never asserted. Environment: SNAPFRAME_BENCH_DIR, SNAPFRAME_BENCH_DURATION (seconds),
 * SNAPFRAME_MEDIA, SNAPFRAME_CHROMIUM (default /usr/bin/chromium), FFMPEG, FFPROBE, SNAPFRAME_BENCH_ONLY (a comma
 * list of P1,P2,P3,P4,P6,D1: run only those; default all), SNAPFRAME_BENCH_P6_WORKERS (default 1,2,4),
 * SNAPFRAME_BENCH_D1_FILE (D1 on another file).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';
import { FFMPEG, ensureInputs } from './inputs.mjs';
import { nativeSnapshots, nativeSpriteFps, nativeSpritePerSnapshot } from './native.mjs';
import { childrenCpuSeconds, treeMemory, watchTree } from './procmem.mjs';
import { buildHeadlessPage, openHeadlessPage, probeInPage, runInPage, defaultWorkersInPage } from './headlessPage.mjs';
import { serveStatic } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BENCH_DIR = path.resolve(process.env.SNAPFRAME_BENCH_DIR ?? '/tmp/snapframe-bench');
const DURATION_SEC = Number(process.env.SNAPFRAME_BENCH_DURATION ?? 600);
const MEDIA_DIR = path.resolve(process.env.SNAPFRAME_MEDIA ?? path.join(ROOT, 'test-media'));
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';
const SNAPSHOTS = 30;
/** The long file is this many copies of the short one (inputs.mjs: `-stream_loop 11`). */
const LONG_COPIES = 12;
const CELLS = 100;
const ONLY = new Set((process.env.SNAPFRAME_BENCH_ONLY ?? 'P1,P2,P3,P4,P6,D1').split(',').map((x) => x.trim().toUpperCase()));
const P6_WORKERS = (process.env.SNAPFRAME_BENCH_P6_WORKERS ?? '1,2,4')
  .split(',')
  .map(Number)
  .filter((n) => n >= 1);
/** D1: the dense HEVC job (SNAPFRAME_BENCH_D1_FILE: another file instead, e.g. a 4K clip to measure memory). */
const DENSE_PATH = process.env.SNAPFRAME_BENCH_D1_FILE ? path.resolve(process.env.SNAPFRAME_BENCH_D1_FILE) : null;
const DENSE_TIMES = Array.from({ length: 26 }, (_, i) => i * 100);

if (!Number.isFinite(DURATION_SEC) || DURATION_SEC < 60) throw new Error('SNAPFRAME_BENCH_DURATION must be >= 60 (seconds).');

const log = (...args) => console.log(...args);
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const firstLine = (cmd, args) => (spawnSync(cmd, args, { encoding: 'utf8' }).stdout ?? '').split('\n')[0].trim();

/** `count` times spread evenly over (0, durationMs): the middles of `count` equal parts, integer ms. */
function middles(durationMs, count) {
  return Array.from({ length: count }, (_, k) => Math.round(((k + 0.5) * durationMs) / count));
}

/** The sprite times as the engine plans them (core/timeline/sampling.ts, start 0, interval 0): k x duration / count. */
function spriteTimes(durationMs, count) {
  return Array.from({ length: count }, (_, k) => Math.round((k * durationMs) / count));
}

/** Chromium's main process: the child of this Node process that runs chromium (Playwright launches it directly). */
function browserPid() {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('chrom')) return Number(name);
    } catch {
      /* gone */
    }
  }
  throw new Error('Could not find the Chromium process started by this run.');
}

async function main() {
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    memoryGB: +(os.totalmem() / 1e9).toFixed(1),
    loadAtStart: load(),
    node: process.version,
    chromium: firstLine(CHROMIUM, ['--version']),
    ffmpeg: firstLine(FFMPEG, ['-version']),
    commit: firstLine('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    dirtyTree: firstLine('git', ['-C', ROOT, 'status', '--porcelain']) !== '',
  };
  log(`Snapframe benchmark: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGB} GB RAM, load ${machine.loadAtStart}`);
  log(
    `  ${machine.chromium}; ${machine.ffmpeg}; node ${machine.node}; commit ${machine.commit}${machine.dirtyTree ? ' + local changes' : ''}`,
  );
  log(`  bench dir ${BENCH_DIR}`);

  log('Inputs');
  const inputs = ensureInputs({ benchDir: BENCH_DIR, mediaDir: MEDIA_DIR, durationSec: DURATION_SEC, log });

  log('Bench page');
  const t0 = performance.now();
  const built = buildHeadlessPage(ROOT, path.join(BENCH_DIR, 'page'));
  const buildMs = performance.now() - t0;
  log(`  built in ${s(buildMs)} (vite build: the app and its headless page, src/headless)`);
  const server = await serveStatic(path.join(BENCH_DIR, 'page'));
  const densePath = DENSE_PATH ?? path.join(MEDIA_DIR, 'sample_edit_list.mp4');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const rows = [];
  const details = {};
  const outDir = path.join(BENCH_DIR, 'out');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  try {
    const pid = browserPid();
    let page = null;
    /**
     * A fresh page: the previous one is closed (its renderer and engine workers end), the bench page is loaded and
     * given both files. Every P runs on a fresh page, so that its time and memory do not depend on the Ps before it.
     */
    const freshPage = async () => {
      await page?.close();
      page = await browser.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') log(`  [page ${msg.type()}] ${msg.text()}`);
      });
      page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
      await openHeadlessPage(page, server.url, built);
      await page.setInputFiles('#files', [inputs.short.path, inputs.long.path, densePath]);
    };

    await freshPage();
    await page.waitForTimeout(2000);
    const idle = treeMemory(pid);
    log(
      `  page ready at ${server.url}; browser idle: ${idle.processes} processes, RSS sum ${idle.rssMB.toFixed(0)} MB, PSS sum ${idle.pssMB.toFixed(0)} MB`,
    );

    const probes = [];
    for (const index of [0, 1, 2]) {
      const { ms, source } = await probeInPage(page, index);
      probes.push(source);
      log(
        `  probe ${source.name}: ${s(ms)} (${source.codec} ${source.width}x${source.height}, ${(source.durationMs / 1000).toFixed(1)} s)`,
      );
    }
    details.probes = probes;
    const [short, long, dense] = probes;
    const defaultWorkers = await defaultWorkersInPage(page);
    machine.defaultJobWorkers = defaultWorkers;
    log(`  job workers by default: ${defaultWorkers}`);

    /** Runs one job in the page while watching the browser's memory. */
    const job = async (label, index, source, input, { quiet = false, workers = null } = {}) => {
      const loadBefore = load();
      const watch = watchTree(pid);
      let result;
      let memory;
      try {
        result = await runInPage(page, index, source, input, label, workers);
      } finally {
        memory = watch.stop();
      }
      const { sample, ...rest } = result;
      if (sample)
        writeFileSync(path.join(outDir, `${label}-${sample.name.replace(/[^\w.-]/g, '_')}`), Buffer.from(sample.base64, 'base64'));
      const made = rest.outputs.filter((o) => o.kind !== 'vtt').length;
      log(
        `  ${label} browser: ${s(rest.ms)}, decoder ${rest.decoder}, ${workers ?? defaultWorkers} job workers, ${made} images, ${rest.skipped.length} skipped, ` +
          `first output after ${s(rest.firstOutputMs ?? 0)}, browser CPU ${memory.cpuSec.toFixed(1)} s, load ${loadBefore} -> ${load()}`,
      );
      if (!quiet) {
        const kinds = Object.entries(memory.pssByKindAtPeakMB)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        log(
          `    memory: peak RSS sum ${memory.rssMB.toFixed(0)} MB, peak PSS sum ${memory.pssMB.toFixed(0)} MB ` +
            `(PSS before ${memory.start.pssMB}, after ${memory.end.pssMB}; at the peak, MB: ${kinds})`,
        );
      }
      return { ...rest, workers: workers ?? defaultWorkers, memory, loadBefore, loadAfter: load() };
    };
    /**
     * A fresh page and a warm-up job on file `index` (not measured) that starts the job workers: one snapshot with one
     * worker, else 4 per worker spread over the file (in different GOPs, so that every worker gets a shard).
     */
    const warmUp = async (label, index, source, workers = null) => {
      await freshPage();
      const w = workers ?? defaultWorkers;
      const offsetsText = w <= 1 ? '1000' : middles(source.durationMs, 4 * w).join(',');
      const warm = await job(`${label}-warmup`, index, source, { mode: 'offsets', offsetsText, width: '320' }, { quiet: true, workers });
      (details.warmups ??= {})[label] = { ms: warm.ms, decoder: warm.decoder };
    };
    const native = (label, fn) => {
      const loadBefore = load();
      const cpuBefore = childrenCpuSeconds();
      const res = fn();
      res.cpuSec = +(childrenCpuSeconds() - cpuBefore).toFixed(2);
      log(
        `  ${label} native: ${s(res.ms)} (CPU ${res.cpuSec.toFixed(1)} s)${res.failed?.length ? `, no image at ${res.failed.join(', ')} ms` : ''}, load ${loadBefore} -> ${load()}`,
      );
      return { ...res, loadBefore, loadAfter: load() };
    };

    const snapInput = (timesMs) => ({ mode: 'offsets', offsetsText: timesMs.join(','), width: '320', format: 'jpg' });
    const p1Times = middles(short.durationMs, SNAPSHOTS);
    /**
     * P4's times: P1's, each moved into one of the long file's copies of the short file (every copy used, in order),
     * so that P4 decodes the very packets P1 decodes. Evenly spread times would not: the long file repeats the short
     * one, and k x 240 s lands on 5 positions of it only, near keyframes (a cheaper job than P1).
     */
    const copies = LONG_COPIES;
    const copyMs = long.durationMs / copies;
    const p4Times = p1Times.map((t, k) => Math.round(t + Math.floor((k * copies) / SNAPSHOTS) * copyMs));

    const jobs = {};
    const natives = {};
    const runNative = (id, label, fn) => (natives[id] ??= native(label, fn));
    const p1Native = () =>
      runNative('P1', 'P1', () => nativeSnapshots(inputs.short.path, p1Times, { outDir: path.join(outDir, 'native-P1') }));
    if (ONLY.has('P1')) {
      log(`P1: ${SNAPSHOTS} exact snapshots at 320 px, ${short.name} (fresh page, after a warm-up)`);
      await warmUp('P1', 0, short);
      jobs.P1 = await job('P1', 0, short, { ...snapInput(p1Times), frameType: 'accurate' });
      p1Native();
    }
    if (ONLY.has('P2')) {
      log(`P2: ${SNAPSHOTS} keyframe snapshots at 320 px, ${short.name}`);
      await warmUp('P2', 0, short);
      jobs.P2 = await job('P2', 0, short, { ...snapInput(p1Times), frameType: 'keyframe' });
      runNative('P2', 'P2', () => nativeSnapshots(inputs.short.path, p1Times, { outDir: path.join(outDir, 'native-P2'), keyframe: true }));
    }
    if (ONLY.has('P3')) {
      log(`P3: a 10x10 sprite sheet of 160x90 cells (${CELLS} times), ${short.name}`);
      await warmUp('P3', 0, short);
      jobs.P3 = await job('P3', 0, short, {
        mode: 'sprite',
        start: '0',
        interval: '0',
        count: String(CELLS),
        cellWidth: '160',
        cellHeight: '90',
        columns: '10',
        lines: '10',
        format: 'jpg',
        frameType: 'accurate',
        webvtt: false,
        keepCells: false,
      });
      const p3fps = runNative('P3fps', 'P3 fps,scale,tile', () =>
        nativeSpriteFps(inputs.short.path, short.durationMs, { outDir: path.join(outDir, 'native-P3-fps') }),
      );
      const p3per = runNative('P3perSnapshot', 'P3 per-snapshot + tile', () =>
        nativeSpritePerSnapshot(inputs.short.path, spriteTimes(short.durationMs, CELLS), { outDir: path.join(outDir, 'native-P3-per') }),
      );
      natives.P3 = p3fps.ms <= p3per.ms ? { ...p3fps, recipe: 'fps,scale,tile' } : { ...p3per, recipe: 'per-snapshot + tile' };
      details.nativeP3 = {
        fps: { sec: +(p3fps.ms / 1000).toFixed(2), ok: p3fps.ok },
        perSnapshot: {
          sec: +(p3per.ms / 1000).toFixed(2),
          snapshotsSec: +(p3per.snapshotsMs / 1000).toFixed(2),
          tileSec: +(p3per.tileMs / 1000).toFixed(2),
          ok: p3per.ok,
        },
      };
    }
    if (ONLY.has('P4')) {
      log(`P4: P1 on ${long.name} (P1's 30 positions, spread over its ${copies} copies of the short file)`);
      await warmUp('P4', 1, long);
      jobs.P4 = await job('P4', 1, long, { ...snapInput(p4Times), frameType: 'accurate' });
      runNative('P4', 'P4', () => nativeSnapshots(inputs.long.path, p4Times, { outDir: path.join(outDir, 'native-P4') }));
    }
    if (ONLY.has('P6')) {
      for (const w of P6_WORKERS) {
        log(`P6: P1 with ${w} job worker${w === 1 ? '' : 's'}`);
        await warmUp(`P6-${w}`, 0, short, w);
        jobs[`P6-${w}`] = await job(`P6-${w}`, 0, short, { ...snapInput(p1Times), frameType: 'accurate' }, { workers: w });
      }
      p1Native();
    }
    if (ONLY.has('D1')) {
      for (const w of [1, 2]) {
        log(
          `D1: ${DENSE_TIMES.length} exact snapshots every 0.1 s at 320 px of ${dense.name} (${dense.codec} ${dense.width}x${dense.height}), ${w} job worker${w === 1 ? '' : 's'}`,
        );
        await warmUp(`D1-${w}`, 2, dense, w);
        jobs[`D1-${w}`] = await job(`D1-${w}`, 2, dense, { ...snapInput(DENSE_TIMES), frameType: 'accurate' }, { workers: w });
      }
      runNative('D1', 'D1', () => nativeSnapshots(densePath, DENSE_TIMES, { outDir: path.join(outDir, 'native-D1') }));
    }
    await page.close();
    page = null;

    const mb = (m) => `${m.rssMB.toFixed(0)} MB / ${m.pssMB.toFixed(0)} MB / +${(m.pssMB - m.start.pssMB).toFixed(0)} MB`;
    const row = (id, what, b, n, nativeRecipe, target, met) => ({
      id,
      job: what,
      snapframeSec: +(b.ms / 1000).toFixed(2),
      decoder: b.decoder,
      images: b.outputs.filter((o) => o.kind !== 'vtt').length,
      skipped: b.skipped.length,
      nativeSec: +(n.ms / 1000).toFixed(2),
      nativeRecipe,
      ratio: +(b.ms / n.ms).toFixed(2),
      /** CPU time (user + system): the Chromium tree during the job; native ffmpeg's processes. Less sensitive to load. */
      snapframeCpuSec: b.memory.cpuSec,
      nativeCpuSec: n.cpuSec,
      cpuRatio: +(b.memory.cpuSec / n.cpuSec).toFixed(2),
      peakBrowserRssMB: Math.round(b.memory.rssMB),
      peakBrowserPssMB: Math.round(b.memory.pssMB),
      /** PSS peak minus the PSS when the job started (fresh page, job worker started): what the job itself added. */
      jobAddedPssMB: Math.round(b.memory.pssMB - b.memory.start.pssMB),
      loadBefore: b.loadBefore,
      target,
      met,
    });
    const { P1: p1, P2: p2, P3: p3, P4: p4 } = jobs;
    if (p1)
      rows.push(
        row(
          'P1',
          `${SNAPSHOTS} exact snapshots, 320 px, ${DURATION_SEC / 60}-min 1080p`,
          p1,
          natives.P1,
          '-ss per snapshot',
          '<= 0.35x native',
          p1.ms / natives.P1.ms <= 0.35,
        ),
      );
    if (p2)
      rows.push(
        row(
          'P2',
          `${SNAPSHOTS} keyframe snapshots, 320 px`,
          p2,
          natives.P2,
          '-discard/-skip_frame nokey -noaccurate_seek -ss per snapshot',
          '<= 0.2x native',
          p2.ms / natives.P2.ms <= 0.2,
        ),
      );
    if (p3)
      rows.push(
        row('P3', `10x10 sprite sheet, 160x90 cells`, p3, natives.P3, natives.P3.recipe, '<= 0.4x native', p3.ms / natives.P3.ms <= 0.4),
      );
    const p4PerSnap = p1 && p4 ? p4.ms / p4.requested / (p1.ms / p1.requested) : null;
    if (p4) {
      rows.push(
        row(
          'P4',
          `P1 on the ${(inputs.long.durationSec / 3600).toFixed(1)} h, ${(inputs.long.size / 1e9).toFixed(2)} GB file`,
          p4,
          natives.P4,
          '-ss per snapshot',
          `<= 1.1x P1 per snapshot (${p4PerSnap?.toFixed(2) ?? '?'}x)`,
          p4PerSnap === null ? 'P1 not run' : p4PerSnap <= 1.1 ? 'yes' : 'no',
        ),
      );
    }
    for (const w of ONLY.has('P6') ? P6_WORKERS : []) {
      const b = jobs[`P6-${w}`];
      const base = jobs['P6-1'] ?? jobs[`P6-${P6_WORKERS[0]}`];
      rows.push(
        row(
          `P6-${w}`,
          `P1 with ${w} job worker${w === 1 ? '' : 's'}`,
          b,
          natives.P1,
          '-ss per snapshot',
          `scaling: ${(base.ms / b.ms).toFixed(2)}x of ${base.workers} worker(s)`,
          'reported',
        ),
      );
    }
    for (const w of ONLY.has('D1') ? [1, 2] : []) {
      const b = jobs[`D1-${w}`];
      rows.push(
        row(
          `D1-${w}`,
          `${DENSE_TIMES.length} exact snapshots every 0.1 s, HEVC 1080p (ffmpeg.wasm), ${w} job worker${w === 1 ? '' : 's'}`,
          b,
          natives.D1,
          '-ss per snapshot',
          'reported',
          'reported',
        ),
      );
    }
    details.p4PerSnapshotVsP1 = p4PerSnap === null ? null : +p4PerSnap.toFixed(2);
    details.jobs = jobs;
    details.native = natives;

    log('');
    log(`Results (${machine.cpus} cores, software decoding, load ${machine.loadAtStart} at start -> ${load()} at end)`);
    log(
      '| P | job | Snapframe | decoder | native ffmpeg | ratio | target | met | CPU time: Snapframe / native | peak browser memory: RSS sum / PSS sum / PSS added by the job |',
    );
    log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const b = details.jobs[r.id];
      log(
        `| ${r.id} | ${r.job} | ${r.snapframeSec.toFixed(1)} s | ${r.decoder} | ${r.nativeSec.toFixed(1)} s (${r.nativeRecipe}) | ` +
          `${r.ratio.toFixed(2)}x | ${r.target} | ${typeof r.met === 'string' ? r.met : r.met ? 'yes' : 'no'} | ` +
          `${r.snapframeCpuSec.toFixed(1)} s / ${r.nativeCpuSec.toFixed(1)} s (${r.cpuRatio.toFixed(2)}x) | ${mb(b.memory)} |`,
      );
    }
    const { P3fps: p3fps, P3perSnapshot: p3per } = natives;
    if (p3fps && p3per)
      log(`P3 native: fps,scale,tile ${s(p3fps.ms)}; per-snapshot ${s(p3per.snapshotsMs)} + tile ${s(p3per.tileMs)} = ${s(p3per.ms)}.`);
    if (p4PerSnap !== null) log(`P4 per snapshot vs P1: ${p4PerSnap.toFixed(2)}x.`);
    log(`Browser with the bench page open, idle: RSS sum ${idle.rssMB.toFixed(0)} MB (PSS sum ${idle.pssMB.toFixed(0)} MB).`);
    log(
      `Each P ran on a fresh page after a warm-up job that started its job workers (not timed); P1-P4 on the default ${defaultWorkers} job worker(s). Native: ffmpeg 5.1, -threads 1, run right after the browser P.`,
    );
    log('Memory: all processes of the Chromium tree (browser, zygote, renderer with the page and its workers, GPU, utilities),');
    log('/proc/PID/smaps_rollup polled every 200 ms. RSS sum counts shared pages once per process (overstates);');
    log('PSS sum splits them (the real share). "Added" = peak PSS minus PSS at the job start.');

    const file = path.join(BENCH_DIR, 'bench-results.json');
    const json = {
      date: new Date().toISOString(),
      machine: { ...machine, loadAtEnd: load() },
      inputs: { short: inputs.short, long: inputs.long, madeSec: inputs.madeSec, made: inputs.made },
      pageBuildSec: +(buildMs / 1000).toFixed(1),
      browserIdle: idle,
      memoryMethod:
        'peak over 200 ms polls of the sums of Rss and Pss (/proc/PID/smaps_rollup) over the Chromium process tree; ' +
        'each P on a fresh page after a one-snapshot warm-up job; jobAddedPssMB = peak PSS minus PSS at the job start',
      table: rows,
      details,
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    log(`Wrote ${file}; images in ${outDir}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
