/**
 * The headless page (src/headless, built with the app) for the benchmarks: build it (the test build, `vite build
 * --mode e2e`, whose `?decoder=` the benchmarks use; docs/TESTING.md), open it, and
 * call `window.snapframeHeadless` (src/headless/protocol.ts) with failures thrown as errors. A checkout from before
 * the page moved into the product (scripts/bench/runs.mjs can build an older SNAPFRAME_RUNS_ROOT) still has
 * scripts/bench/vite.bench.config.ts and `window.snapframeBench`: both are handled.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Builds the page of checkout `root` into `outDir`.
 * @returns `{ pagePath, legacy }`: the page's path under the served folder, and whether it is the old bench page.
 */
export function buildHeadlessPage(root, outDir) {
  const legacy = !fs.existsSync(path.join(root, 'src/headless/index.html'));
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  const args = legacy
    ? ['build', '--config', path.join(root, 'scripts/bench/vite.bench.config.ts')]
    : ['build', '--mode', 'e2e', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  // The old config builds into $SNAPFRAME_BENCH_DIR/page.
  const res = spawnSync(vite, args, { cwd: root, encoding: 'utf8', env: { ...process.env, SNAPFRAME_BENCH_DIR: path.dirname(outDir) } });
  if (res.status !== 0) throw new Error(`vite build of the headless page failed:\n${res.stdout}\n${res.stderr}`);
  return { pagePath: legacy ? '' : 'src/headless/index.html', legacy };
}

/** Loads the page (`url` is the server's root, `query` e.g. `?decoder=ffmpeg`) and waits until it is ready. */
export async function openHeadlessPage(page, url, built, query = '') {
  await page.goto(`${url}${built.pagePath}${query}`);
  await page.waitForFunction(() => (window.snapframeHeadless ?? window.snapframeBench)?.ready === true, null, { timeout: 60_000 });
}

/** Probes file `index` of the page's input: `{ ms, source }`; throws the page's sentence. */
export async function probeInPage(page, index) {
  return page.evaluate(async (i) => {
    if (window.snapframeBench) return window.snapframeBench.probe(i);
    const result = await window.snapframeHeadless.probe(i);
    if (!result.ok) throw new Error(result.error.message);
    return result;
  }, index);
}

/** Runs a job in the page (on `workers` job workers; null: the default): the bench's summary (times ms, outputs, decoder, a sample image); throws on failure. */
export async function runInPage(page, index, source, input, jobId, workers = null) {
  return page.evaluate(
    async ([i, src, inp, id, w]) => {
      if (window.snapframeBench) return window.snapframeBench.run(i, src, inp, id, w);
      const result = await window.snapframeHeadless.run(i, src, inp, { jobId: id, sample: true, workers: w });
      if (!result.ok) throw new Error(result.error?.message ?? `Invalid spec: ${JSON.stringify(result.problems)}`);
      return result;
    },
    [index, source, input, jobId, workers],
  );
}

/** The job workers a job gets by default in the page (1 for a build without a pool). */
export async function defaultWorkersInPage(page) {
  return page.evaluate(() => (window.snapframeHeadless ?? window.snapframeBench)?.defaultWorkers?.() ?? 1);
}
