/**
 * What a job runner runs on (docs/ARCHITECTURE.md: the runners take the engine instead of importing a singleton): some lanes,
 * each one engine worker that runs one operation at a time. The page's pool of job workers (pool.ts) is one; the
 * runners' unit tests use a fake.
 */
import type { SnapframeError } from '../core/job/errors';
import type { WorkerApi } from './protocol';

/**
 * A call's watchdog (core/damage/budget.ts sizes it by the work asked for): when the call has not settled after
 * `budgetMs`, the worker is terminated (a stuck decoder or demuxer is stopped, not waited for), the call rejects with
 * `failure()` and the worker's other calls with an InternalError saying why; the next call starts a fresh worker.
 */
export interface Watchdog {
  budgetMs: number;
  /** What the call makes: a frame or cell, an index read or plan, a probe (watchdogs.ts). */
  stage?: 'frame' | 'index' | 'probe';
  failure: () => SnapframeError;
}

/** One engine worker as a job sees it. */
export interface EngineLane {
  /**
   * Calls the worker.
   * @param operation receives the worker's API (through Comlink in the page)
   * @param signal aborting it stops the call at once (the worker is terminated) and rejects with CancelledError
   * @param watchdog stops the call when it takes longer than its work warrants ({@link Watchdog})
   * @throws SnapframeError rebuilt from the worker's error; after an InternalError the worker is restarted;
   *   `watchdog.failure()` when the call passed its budget
   */
  call<T>(operation: (api: WorkerApi) => Promise<T>, signal?: AbortSignal, watchdog?: Watchdog): Promise<T>;
}

export interface JobEngine {
  /** How many lanes this job may use (>= 1): lanes 0 … lanes - 1. */
  readonly lanes: number;
  /** Lane `index` (0-based, < lanes). Lane 0 also reads the keyframe index and holds the sprite sheets. */
  lane(index: number): EngineLane;
}
