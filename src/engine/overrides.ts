/**
 * The testing hooks of the page (docs/TESTING.md): overrides read once from the page URL, in the test build only.
 * `vite build --mode e2e` (the build the e2e suite and the benchmarks serve) reads them; the production build
 * (`npm start`, `npm run build`, the `snapframe` command) never calls {@link readOverrides}, because every caller
 * guards the call with `import.meta.env.MODE === 'e2e'`, which Vite replaces by a constant, so that Rollup drops
 * this module's code, the worker's fault code (worker/faults.ts) and the parameter names from the bundle
 * (e2e/bundle.spec.ts checks the production bundle for them).
 */
import { CancelledError } from '../core/job/errors';
import { decoderPreference, type DecoderPreference } from '../core/decode/decoderChoice';
import { probePreference, type ProbePreference } from '../core/probe/probeChoice';
import type { SourceInfo } from '../core/job/types';
import { parseWorkersParam } from '../core/decode/workerCount';
import type { JobEngine } from './jobEngine';
import type { EngineFault } from './protocol';

/**
 * A fault the page arms for the first job: one of the worker's (protocol.ts `armFault`), or `slow` or `stall` (the
 * page's own).
 */
export type PageFault = EngineFault | 'slow' | 'stall';

/** What the page URL overrides (the production build: {@link NO_OVERRIDES}). */
export interface EngineOverrides {
  /** `?engineFault=`: the fault armed before the first job; null: none. */
  fault: PageFault | null;
  /** `?decoder=ffmpeg|webcodecs`: the decoder of every job and preview, whatever the file; `auto`: none forced. */
  decoder: DecoderPreference;
  /** `?workers=N`: every job runs on N job workers (1–8), whatever the page's setting; null: none. */
  workers: number | null;
  /** `?probe=ffprobe|mediabunny`: the probe used; `auto`: mediabunny where it can, else ffprobe. */
  probe: ProbePreference;
  /** Whether `?probe=` is in the URL at all: every probe's answer is then kept in `window.snapframeProbes`. */
  recordProbes: boolean;
}

/** No override: what the production build always uses. */
export const NO_OVERRIDES: EngineOverrides = { fault: null, decoder: 'auto', workers: null, probe: 'auto', recordProbes: false };

const FAULTS: readonly PageFault[] = ['crash', 'hang', 'webcodecs', 'canvas', 'slow', 'stall'];

/**
 * Reads the overrides from a page URL's query string (test build only).
 * @param search `location.search`, e.g. `?decoder=ffmpeg&workers=2`
 * @returns the overrides; unknown values are ignored (`auto`, null)
 */
export function readOverrides(search: string): EngineOverrides {
  const params = new URLSearchParams(search);
  const fault = params.get('engineFault');
  return {
    fault: FAULTS.find((f) => f === fault) ?? null,
    decoder: decoderPreference(params.get('decoder')),
    workers: parseWorkersParam(params.get('workers')),
    probe: probePreference(params.get('probe')),
    recordProbes: params.has('probe'),
  };
}

/** One probe's answer, as `window.snapframeProbes` keeps it. */
export type ProbeRecord = { name: string; info: SourceInfo } | { name: string; error: string };

/**
 * With `?probe=` in the page URL, appends a probe's SourceInfo (or error) to `window.snapframeProbes`, so that
 * e2e/probe.spec.ts compares mediabunny's and ffprobe's answers field by field. Does nothing otherwise.
 */
export function recordProbe(overrides: EngineOverrides, record: ProbeRecord): void {
  if (!overrides.recordProbes) return;
  const holder = globalThis as unknown as { snapframeProbes?: ProbeRecord[] };
  (holder.snapframeProbes ??= []).push(record);
}

/**
 * The wait before each worker call of a job slowed by `?engineFault=slow`, ms: a job of 30 times then lasts at least
 * 7.5 s on any machine and any decoder, so that a test can watch it run and cancel it (e2e/queue.spec.ts).
 */
export const SLOW_FAULT_MS = 250;

/**
 * `engine` with every call delayed by {@link SLOW_FAULT_MS} (the `slow` fault). The wait ends at once, as
 * CancelledError, when the call's signal aborts, so Cancel still stops the job within a second.
 */
export function slowed(engine: JobEngine): JobEngine {
  const pause = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, SLOW_FAULT_MS);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  return {
    lanes: engine.lanes,
    lane: (index) => {
      const lane = engine.lane(index);
      return {
        call: async (operation, signal, watchdog) => {
          await pause(signal);
          return lane.call(operation, signal, watchdog);
        },
      };
    },
  };
}

/** The watchdog of the call stalled by `?engineFault=stall`, ms: short, so that a test sees it fire. */
export const STALL_FAULT_MS = 3000;

/**
 * `engine` whose lane 0 stalls on its second frame or cell (the `stall` fault): that call is sent to the worker and
 * its answer never awaited, under a {@link STALL_FAULT_MS} watchdog, so the page's watchdog fires as it does on a
 * stuck decoder: the worker is terminated with whatever it held (a sprite job's open sheets) and the time skipped.
 */
export function stalledOnLane0(engine: JobEngine): JobEngine {
  let frames = 0;
  return {
    lanes: engine.lanes,
    lane: (index) => {
      const lane = engine.lane(index);
      if (index !== 0) return lane;
      return {
        call: (operation, signal, watchdog) => {
          if (watchdog?.stage !== 'frame' || ++frames !== 2) return lane.call(operation, signal, watchdog);
          const stuck = { ...watchdog, budgetMs: Math.min(watchdog.budgetMs, STALL_FAULT_MS) };
          return lane.call((api) => operation(api).then(() => new Promise<never>(() => undefined)), signal, stuck);
        },
      };
    },
  };
}
