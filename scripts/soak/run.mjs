#!/usr/bin/env node
/**
 * `npm run soak` (issue 6, "many jobs"): 100 jobs in a row on one page of the built app, and the memory after
 * jobs 1, 10, 25, 50, 75 and 100. Not part of `npm test`: it measures, it asserts nothing.
 *
 * 1. Builds the app (`vite build`) into $SNAPFRAME_SOAK_DIST (default /tmp/snapframe-soak-dist); with
 *    SNAPFRAME_SOAK_NO_BUILD=1 it serves that folder as it is (e.g. a build of an older commit, to compare).
 * 2. Serves it (scripts/bench/serve.mjs) and opens it in Debian's headless Chromium (the bench's flags) with a
 *    fresh profile on disk (deleted at the end): Playwright's usual incognito context keeps IndexedDB in memory.
 * 3. "Try a sample video", then, $SNAPFRAME_SOAK_JOBS times (default 100): types 10 time offsets (shifted by 10 ms
 *    per job, so no two jobs are the same), clicks "Create snapshots" and waits for the job to show Finished.
 *    `?decoder=` is passed from $SNAPFRAME_SOAK_DECODER (default: none, the app's auto choice).
 * 4. After the checkpoint jobs: forces a garbage collection (CDP HeapProfiler.collectGarbage, in the page and in
 *    its workers), waits 1 s, then reads every Chromium process's PSS and RSS from /proc (scripts/bench/procmem.mjs)
 *    and the page's JS heap (CDP Runtime.getHeapUsage), the saved results' size (navigator.storage.estimate), and
 *    Chromium's decoded-image caches (memory-infra allocator `cc/image_memory`, scripts/soak/memdump.mjs): where the
 *    renderer's growth turned out to live.
 * 5. Prints the table and the growth per job from job 10 to the last, and writes it to
 *    `${SNAPFRAME_SOAK_DIST}-results.json`.
 *
 * Environment: SNAPFRAME_CHROMIUM (default /usr/bin/chromium), SNAPFRAME_SOAK_DIST, SNAPFRAME_SOAK_NO_BUILD,
 * SNAPFRAME_SOAK_JOBS, SNAPFRAME_SOAK_DECODER.
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

/** The 10 offsets of job n (1-based), ms: 0.5 s … 9.5 s, shifted by 10 ms per job (wrapping after 50 jobs). */
function offsetsOf(n) {
  return Array.from({ length: OFFSETS_PER_JOB }, (_, k) => 500 + k * 1000 + ((n - 1) % 50) * 10);
}

async function main() {
  log(
    `Snapframe soak: ${JOBS} jobs of ${OFFSETS_PER_JOB} snapshots of the sample, one page; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
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
    await page.getByRole('button', { name: 'Try a sample video' }).click();
    await page.getByLabel('Video details', { exact: true }).waitFor({ timeout: 90_000 });
    const jobs = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
    const offsets = page.getByRole('textbox', { name: 'Time offsets', exact: true });
    const create = page.getByRole('button', { name: 'Create snapshots', exact: true });
    const t0 = Date.now();

    for (let n = 1; n <= JOBS; n++) {
      await offsets.fill(offsetsOf(n).join(', '));
      await create.click();
      const newest = jobs.first();
      await page.waitForFunction((count) => document.querySelectorAll('[aria-label="Jobs"] > li').length === count, n);
      await newest.getByText(/^(Finished|Failed|Cancelled)$/).waitFor({ timeout: 120_000 });
      const status = await newest.locator('.badge').innerText();
      if (status !== 'Finished') throw new Error(`Job ${n} ended "${status}": ${await newest.innerText()}`);
      if (!CHECKPOINTS.includes(n)) continue;

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
      };
      rows.push(row);
      log(
        `  after job ${String(n).padStart(3)} (${row.seconds} s): renderer ${row.rendererPssMB} MB, browser ${row.browserPssMB} MB, ` +
          `total PSS ${row.totalPssMB} MB (RSS ${row.totalRssMB} MB), page JS heap ${row.jsHeapMB} MB, ` +
          `measured page ${row.pageMB} MB / workers ${row.workersMB} MB, decoded-image cache ${row.imageCacheMB} MB, ` +
          `origin storage ${row.storageUsageMB} MB`,
      );
    }
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }

  log('');
  log(
    '| after job | renderer PSS MB (page + workers) | browser PSS MB | total PSS MB | total RSS MB | page JS heap MB | page / workers, measured MB | decoded-image cache MB | origin storage MB |',
  );
  log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    log(
      `| ${r.job} | ${r.rendererPssMB} | ${r.browserPssMB} | ${r.totalPssMB} | ${r.totalRssMB} | ${r.jsHeapMB} | ${r.pageMB} / ${r.workersMB} | ${r.imageCacheMB} | ${r.storageUsageMB} |`,
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
  writeFileSync(out, JSON.stringify({ jobs: JOBS, decoder: DECODER || 'auto', rows }, null, 2));
  log(`\nWritten to ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
