/**
 * The bridge to the engine worker: starts it lazily, forwards calls through Comlink, and restarts it when a call
 * is aborted (terminating the worker is the only way to stop a running ffmpeg.wasm exec: docs/ARCHITECTURE.md, convention 3)
 * or when the engine crashed. Pending calls of a terminated worker are rejected, never left hanging.
 */
import { wrap, type Remote } from 'comlink';
import { CancelledError, InternalError, toSnapframeError, type SnapframeError } from '../core/job/errors';
import { isCoreLoadMessage, type CoreLoadProgress } from './coreLoad';
import type { EngineLane } from './jobEngine';
import type { WorkerApi } from './protocol';

interface Pending {
  reject: (error: SnapframeError) => void;
}

export class EngineClient implements EngineLane {
  private worker: Worker | null = null;
  private remote: Remote<WorkerApi> | null = null;
  private readonly pending = new Set<Pending>();
  /** Workers started so far (1 for the first). */
  starts = 0;
  private readonly coreListeners = new Set<(progress: CoreLoadProgress) => void>();

  /** @param name the worker's name (`self.name` inside it; DevTools and the e2e tests tell the workers apart by it) */
  constructor(private readonly name = 'snapframe-engine') {}

  /**
   * Listens to the download progress of the ffmpeg.wasm core, reported by this client's worker the first time it
   * loads the core (each new worker, e.g. after a cancel, reports again, usually `fromCache` or at once).
   * @returns a function that stops listening
   */
  onCoreLoad(listener: (progress: CoreLoadProgress) => void): () => void {
    this.coreListeners.add(listener);
    return () => this.coreListeners.delete(listener);
  }

  private start(): Remote<WorkerApi> {
    if (this.remote) return this.remote;
    const worker = new Worker(new URL('./worker/index.ts', import.meta.url), { type: 'module', name: this.name });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.restart(new InternalError(`The video engine could not run: ${event.message || 'worker error'}. Reload the page.`));
    });
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (!isCoreLoadMessage(event.data)) return;
      for (const listener of this.coreListeners) listener(event.data.snapframeCoreLoad);
    });
    this.worker = worker;
    this.remote = wrap<WorkerApi>(worker);
    this.starts += 1;
    return this.remote;
  }

  /** Whether a worker is running now (started and not terminated since). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Calls in flight. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Terminates the worker (if any) and rejects its pending calls with `reason`. The next call starts a new one. */
  restart(reason: SnapframeError = new CancelledError()): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    for (const p of [...this.pending]) p.reject(reason);
    this.pending.clear();
  }

  /**
   * Calls the worker.
   * @param operation receives the worker's remote API
   * @param signal aborting it terminates the worker (stopping ffmpeg mid-exec) and rejects with CancelledError
   * @throws SnapframeError rebuilt from the worker's SerializedError; after an InternalError the worker is
   *   restarted so that the next call runs on a fresh engine
   */
  call<T>(operation: (api: WorkerApi) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const remote = this.start();
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { reject };
      const onAbort = () => this.restart(new CancelledError());
      const settle = () => {
        this.pending.delete(entry);
        signal?.removeEventListener('abort', onAbort);
      };
      this.pending.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      operation(remote).then(
        (value) => {
          settle();
          resolve(value);
        },
        (raw: unknown) => {
          settle();
          const error = toSnapframeError(raw);
          if (error.code === 'InternalError' && this.remote === remote) this.restart(error);
          reject(error);
        },
      );
    });
  }
}
