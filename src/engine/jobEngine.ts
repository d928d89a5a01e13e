/**
 * What a job runner runs on (docs/ARCHITECTURE.md: the runners take the engine instead of importing a singleton): some lanes,
 * each one engine worker that runs one operation at a time. The page's pool of job workers (pool.ts) is one; the
 * runners' unit tests use a fake.
 */
import type { WorkerApi } from './protocol';

/** One engine worker as a job sees it. */
export interface EngineLane {
  /**
   * Calls the worker.
   * @param operation receives the worker's API (through Comlink in the page)
   * @param signal aborting it stops the call at once (the worker is terminated) and rejects with CancelledError
   * @throws SnapframeError rebuilt from the worker's error; after an InternalError the worker is restarted
   */
  call<T>(operation: (api: WorkerApi) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface JobEngine {
  /** How many lanes this job may use (>= 1): lanes 0 … lanes - 1. */
  readonly lanes: number;
  /** Lane `index` (0-based, < lanes). Lane 0 also reads the keyframe index and holds the sprite sheets. */
  lane(index: number): EngineLane;
}
