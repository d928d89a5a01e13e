#!/usr/bin/env node
/**
 * `npm run soak`: 100 jobs in a row on one page of the built app, and the memory after
 * jobs 1, 10, 25, 50, 75 and 100. Not part of `npm test`: it measures, it asserts nothing.
 *
 * 1. Builds the app (`vite build`) into $SNAPFRAME_SOAK_DIST (default /tmp/snapframe-soak-dist); with
 *    SNAPFRAME_SOAK_NO_BUILD=1 it serves that folder as it is (e.g. a build of an older commit, to compare).
 * 2. Serves it (scripts/bench/serve.mjs) and opens it in Debian's headless Chromium (the bench's flags) with a
 *    fresh profile on disk (deleted at the end): Playwright's usual incognito context keeps IndexedDB in memory.
 * 3. "Try a sample video" (or, with $SNAPFRAME_SOAK_FILE, that file chosen with the file input, its duration read
 *    with ffprobe), then, $SNAPFRAME_SOAK_JOBS times (default 100): types 10 time offsets (the sample's 0.5 s … 9.5 s,
 *    or 5 %, 15 % … 95 % of the file's duration; shifted by 10 ms per job, so no two jobs are the same), clicks
 *    "Create snapshots" and waits for the job to show Finished. `?decoder=` is passed from $SNAPFRAME_SOAK_DECODER
 *    (default: none, the app's auto choice). After each job, every job worker (`self.name` `snapframe-job-<n>`) is
 *    asked how many `snapframe:frame` marks (README "Testing hooks") it made since the job's click (mark startTime +
 *    timeOrigin, wall clock), so a worker shut down after 10 s idle and started again is still counted right: the
 *    job used two lanes when two workers made frames. (The sample's jobs never do: too little decoding to shard.)
 * 4. After the checkpoint jobs: forces a garbage collection (CDP HeapProfiler.collectGarbage, in the page and in
 *    its workers), waits 1 s, then reads every Chromium process's PSS and RSS from /proc (scripts/bench/procmem.mjs)
 *    and the page's JS heap (CDP Runtime.getHeapUsage), the saved results' size (navigator.storage.estimate), and
 *    Chromium's decoded-image caches (memory-infra allocator `cc/image_memory`, scripts/soak/memdump.mjs): where the
 *    renderer's growth turned out to live.
 *    Also, since the previous checkpoint: the frames each job worker made (the sum over the jobs above; cross-checked
 *    against the marks each worker still holds made after the previous checkpoint's wall time) and how many of those
 *    jobs used two lanes (or more).
 * 5. Prints the table and the growth per job from job 10 to the last, and writes it to
 *    `${SNAPFRAME_SOAK_DIST}-results.json`.
 *
 * Environment: SNAPFRAME_CHROMIUM (default /usr/bin/chromium), SNAPFRAME_SOAK_DIST, SNAPFRAME_SOAK_NO_BUILD,
 * SNAPFRAME_SOAK_JOBS, SNAPFRAME_SOAK_DECODER, SNAPFRAME_SOAK_FILE (a video to use instead of the sample; needs
 * ffprobe on the PATH).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { processTree, treeMemory } from '../bench/procmem.mjs';
import { memoryDump } from './memdump.mjs';
import { serveStatic } from '../bench/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.resolve(process.env.SNAPFRAME_SOAK_DIST ?? '/tmp/snapframe-soak-dist');
const JOBS = Number(process.env.SNAPFRAME_SOAK_JOBS ?? 100);
const DECODER = process.env.SNAPFRAME_SOAK_DECODER ?? '';
const FILE = process.env.SNAPFRAME_SOAK_FILE ? path.resolve(process.env.SNAPFRAME_SOAK_FILE) : null;
const CHROMIUM = process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // gc() in the page and its workers before each reading (and HeapProfiler.collectGarbage for the page).
  '--js-flags=--expose-gc',
  // performance.measureUserAgentSpecificMemory() answers at once instead of at the next natural GC.
  '--enable-blink-features=ForceEagerMeasureMemory',
];
const CHECKPOINTS = [1, 10, 25, 50, 75, 100].filter((n) => n <= JOBS);
if (!CHECKPOINTS.includes(JOBS)) CHECKPOINTS.push(JOBS);
const OFFSETS_PER_JOB = 10;

const log = (...args) => console.log(...args);
const mb = (bytes) => bytes / 1e6;

/** Chromium's main process: the child of this Node process whose command line names chrom(e|ium). */
function browserPid() {
  for (const pid of processTree(process.pid).slice(1)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom')) return pid;
    } catch {
      /* gone */
    }
  }
  throw new Error('Chromium process not found');
}

/**
 * The page's and its dedicated workers' memory as Chromium attributes it (`performance.measureUserAgentSpecificMemory()`,
 * available because the app is cross-origin isolated): JS heaps, WebAssembly memories, DOM and canvas, bytes.
 * Null when the browser does not offer it.
 */
async function measureMemory(page) {
  return page.evaluate(async () => {
    if (!('measureUserAgentSpecificMemory' in performance)) return null;
    const result = await performance.measureUserAgentSpecificMemory();
    let workers = 0;
    let pageBytes = 0;
    for (const entry of result.breakdown) {
      const isWorker = entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope');
      if (isWorker) workers += entry.bytes;
      else pageBytes += entry.bytes;
    }
    return { workers, page: pageBytes, total: result.bytes };
  });
}

/** The bytes of one allocator (e.g. `cc/image_memory`) summed over every process of a {@link memoryDump}. */
function allocatorTotal(dump, name) {
  return Object.values(dump.byPid).reduce((sum, p) => sum + (p.allocators[name] ?? 0), 0);
}

/**
 * The 10 offsets of job n (1-based), ms: 0.5 s … 9.5 s (the sample), or 5 %, 15 % … 95 % of `durationMs` when given;
 * shifted by 10 ms per job (wrapping after 50 jobs).
 */
function offsetsOf(n, durationMs = null) {
  const shift = ((n - 1) % 50) * 10;
  if (durationMs === null) return Array.from({ length: OFFSETS_PER_JOB }, (_, k) => 500 + k * 1000 + shift);
  return Array.from({ length: OFFSETS_PER_JOB }, (_, k) => Math.round(((k + 0.5) * durationMs) / OFFSETS_PER_JOB) + shift);
}

/** A video's duration, ms, from its container (ffprobe's format duration). */
function durationMsOf(file) {
  const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  const seconds = Number.parseFloat(probe.stdout);
  if (probe.status !== 0 || !(seconds > 0))
    throw new Error(`ffprobe could not read the duration of ${file}: ${probe.error ?? probe.stderr}`);
  return seconds * 1000;
}

/**
 * The `snapframe:frame` marks of every job worker (`self.name` snapframe-job-<n>) of the page: per worker, all it holds
 * and those made at or after `sinceMs` (wall clock, ms since the epoch: the mark's startTime + the worker's
 * timeOrigin). A worker that ends while asked is left out.
 * @returns worker name -> { total, since }
 */
async function jobWorkerFrames(page, sinceMs) {
  const counts = {};
  for (const worker of page.workers()) {
    const read = await worker
      .evaluate((since) => {
        if (!self.name.startsWith('snapframe-job-')) return null;
        const marks = performance.getEntriesByName('snapframe:frame');
        const recent = marks.filter((m) => performance.timeOrigin + m.startTime >= since).length;
        return { name: self.name, total: marks.length, since: recent };
      }, sinceMs)
      .catch(() => null);
    if (!read) continue;
    // Two workers of one name (the old one not yet gone): their marks add up.
    const c = (counts[read.name] ??= { total: 0, since: 0 });
    c.total += read.total;
    c.since += read.since;
  }
  return counts;
}

/** Worker name -> frames, as `snapframe-job-1 12, snapframe-job-2 8` (by name), or `none`. */
function framesText(byWorker) {
  const names = Object.keys(byWorker).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return names.length ? names.map((name) => `${name} ${byWorker[name]}`).join(', ') : 'none';
}

async function main() {
  const durationMs = FILE ? durationMsOf(FILE) : null;
  log(
    `Snapframe soak: ${JOBS} jobs of ${OFFSETS_PER_JOB} snapshots of ${FILE ? `${FILE} (${(durationMs / 1000).toFixed(3)} s)` : 'the sample'}, one page; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
  );
  if (process.env.SNAPFRAME_SOAK_NO_BUILD !== '1') {
    const build = spawnSync('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const server = await serveStatic(DIST);
  // A profile on disk, as a user has: Playwright's default (incognito) contexts keep IndexedDB in the browser
  // process's memory, which would count every saved image as browser memory.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'snapframe-soak-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const rows = [];
  try {
    const pid = browserPid();
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => log(`  [pageerror] ${e.message}`));
    const cdp = await context.newCDPSession(page);
    await page.goto(`${server.url}${DECODER ? `?decoder=${DECODER}` : ''}`);
    if (FILE) {
      await page.getByLabel('Video file', { exact: true }).setInputFiles(FILE);
      await page
        .getByLabel('Video details', { exact: true })
        .filter({ hasText: path.basename(FILE) })
        .waitFor({ timeout: 90_000 });
    } else {
      await page.getByRole('button', { name: 'Try a sample video' }).click();
      await page.getByLabel('Video details', { exact: true }).waitFor({ timeout: 90_000 });
    }
    const jobs = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
    const offsets = page.getByRole('textbox', { name: 'Time offsets', exact: true });
    const create = page.getByRole('button', { name: 'Create snapshots', exact: true });
    const t0 = Date.now();
    // Since the previous checkpoint: per worker name, the frames made (summed job by job); the jobs, those on two
    // lanes or more, the jobs on one lane (their numbers), and their time from click to Finished.
    let period = { since: t0, frames: {}, jobs: 0, twoLanes: 0, oneLane: [], jobMs: 0 };

    for (let n = 1; n <= JOBS; n++) {
      await offsets.fill(offsetsOf(n, durationMs).join(', '));
      const jobStart = Date.now();
      await create.click();
      const newest = jobs.first();
      await page.waitForFunction((count) => document.querySelectorAll('[aria-label="Jobs"] > li').length === count, n);
      await newest.getByText(/^(Finished|Failed|Cancelled)$/).waitFor({ timeout: 120_000 });
      const status = await newest.locator('.badge').innerText();
      if (status !== 'Finished') throw new Error(`Job ${n} ended "${status}": ${await newest.innerText()}`);
      period.jobMs += Date.now() - jobStart;
      // The job's frames per worker: the marks made since its click (no worker idles 10 s during a job).
      const jobFrames = await jobWorkerFrames(page, jobStart);
      let lanes = 0;
      for (const [name, c] of Object.entries(jobFrames)) {
        if (c.since === 0) continue;
        lanes += 1;
        period.frames[name] = (period.frames[name] ?? 0) + c.since;
      }
      period.jobs += 1;
      if (lanes >= 2) period.twoLanes += 1;
      else period.oneLane.push(n);
      if (!CHECKPOINTS.includes(n)) continue;

      // Cross-check: the marks the workers still hold made since the previous checkpoint (fewer when a worker ended).
      const held = await jobWorkerFrames(page, period.since);
      const heldFrames = Object.fromEntries(Object.entries(held).map(([name, c]) => [name, c.since]));
      const heldTotal = Object.fromEntries(Object.entries(held).map(([name, c]) => [name, c.total]));

      await page.waitForTimeout(1000); // the job's last writes to IndexedDB and the swap to stored blobs
      await cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate(() => globalThis.gc?.());
      for (const worker of page.workers()) await worker.evaluate(() => globalThis.gc?.()).catch(() => undefined);
      await page.waitForTimeout(1000);
      // Before /proc is read, so that every reading includes the tracing service this starts (~20 MB PSS).
      const dump = await memoryDump(cdp);
      const heap = await cdp.send('Runtime.getHeapUsage');
      const uaMemory = await measureMemory(page);
      const stored = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
      const m = treeMemory(pid);
      const row = {
        job: n,
        seconds: Math.round((Date.now() - t0) / 1000),
        rendererPssMB: m.pssByKindMB.renderer ?? 0,
        browserPssMB: m.pssByKindMB.browser ?? 0,
        totalPssMB: Math.round(m.pssMB),
        totalRssMB: Math.round(m.rssMB),
        jsHeapMB: +mb(heap.usedSize).toFixed(1),
        workersMB: uaMemory ? +mb(uaMemory.workers).toFixed(1) : null,
        pageMB: uaMemory ? +mb(uaMemory.page).toFixed(1) : null,
        storageUsageMB: +mb(stored).toFixed(1),
        imageCacheMB: +mb(allocatorTotal(dump, 'cc/image_memory')).toFixed(1),
        pssByKindMB: m.pssByKindMB,
        // Since the previous checkpoint (job workers by `self.name`):
        windowJobs: period.jobs,
        framesByWorker: period.frames,
        jobWorkersWithFrames: Object.keys(period.frames).length,
        jobsOnTwoLanes: period.twoLanes,
        jobsOnOneLane: period.oneLane,
        meanJobSeconds: +(period.jobMs / period.jobs / 1000).toFixed(2),
        heldFramesByWorker: heldFrames,
        heldTotalByWorker: heldTotal,
      };
      rows.push(row);
      log(
        `  after job ${String(n).padStart(3)} (${row.seconds} s): renderer ${row.rendererPssMB} MB, browser ${row.browserPssMB} MB, ` +
          `total PSS ${row.totalPssMB} MB (RSS ${row.totalRssMB} MB), page JS heap ${row.jsHeapMB} MB, ` +
          `measured page ${row.pageMB} MB / workers ${row.workersMB} MB, decoded-image cache ${row.imageCacheMB} MB, ` +
          `origin storage ${row.storageUsageMB} MB`,
      );
      log(
        `    jobs ${n - row.windowJobs + 1}-${n} (${row.windowJobs}, mean ${row.meanJobSeconds} s each): ` +
          `${row.jobWorkersWithFrames} job workers made frames (${framesText(row.framesByWorker)}); ` +
          `${row.jobsOnTwoLanes}/${row.windowJobs} jobs on two lanes` +
          (row.jobsOnOneLane.length ? `, on one lane: jobs ${row.jobsOnOneLane.join(', ')}` : '') +
          `; marks held since the previous checkpoint: ${framesText(row.heldFramesByWorker)} (in all: ${framesText(row.heldTotalByWorker)})`,
      );
      // The next window starts now: after this checkpoint's waits, before the next job's click.
      period = { since: Date.now(), frames: {}, jobs: 0, twoLanes: 0, oneLane: [], jobMs: 0 };
    }
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }

  log('');
  log(
    '| after job | renderer PSS MB (page + workers) | browser PSS MB | total PSS MB | total RSS MB | page JS heap MB | page / workers, measured MB | decoded-image cache MB | origin storage MB | frames per job worker since previous row | jobs on two lanes since previous row |',
  );
  log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    log(
      `| ${r.job} | ${r.rendererPssMB} | ${r.browserPssMB} | ${r.totalPssMB} | ${r.totalRssMB} | ${r.jsHeapMB} | ${r.pageMB} / ${r.workersMB} | ${r.imageCacheMB} | ${r.storageUsageMB} | ${framesText(r.framesByWorker)} | ${r.jobsOnTwoLanes}/${r.windowJobs} |`,
    );
  }
  const from = rows.find((r) => r.job === 10);
  const to = rows.at(-1);
  if (from && to && to.job > from.job) {
    const per = (key, unit = 'MB') =>
      `${(((to[key] - from[key]) / (to.job - from.job)) * 1000).toFixed(0)} kB/job (${unit} ${from[key]} -> ${to[key]})`;
    log('');
    log(`Growth per job from job 10 to ${to.job}:`);
    log(`  renderer PSS ${per('rendererPssMB')}; browser PSS ${per('browserPssMB')}; total PSS ${per('totalPssMB')}`);
    log(`  total RSS ${per('totalRssMB')}; page JS heap ${per('jsHeapMB')}`);
    if (to.workersMB !== null && from.workersMB !== null) log(`  measured page ${per('pageMB')}; measured workers ${per('workersMB')}`);
    const from25 = rows.find((r) => r.job === 25);
    if (from25 && to.job > 25) {
      const per25 = (key) => `${(((to[key] - from25[key]) / (to.job - from25.job)) * 1000).toFixed(0)} kB/job`;
      log(
        `Growth per job from job 25 to ${to.job}: renderer PSS ${per25('rendererPssMB')}, browser PSS ${per25('browserPssMB')}, total PSS ${per25('totalPssMB')}`,
      );
    }
  }
  const out = `${DIST}-results.json`;
  writeFileSync(
    out,
    JSON.stringify(
      { jobs: JOBS, decoder: DECODER || 'auto', file: FILE ?? 'sample', durationMs, offsetsOfJob1: offsetsOf(1, durationMs), rows },
      null,
      2,
    ),
  );
  log(`\nWritten to ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
