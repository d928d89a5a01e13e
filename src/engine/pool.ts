/**
 * The pool of job workers (README "Job workers"): up to MAX_JOB_WORKERS engine
 * workers, each started on demand (EngineClient is lazy), handed to one job at a time as the lanes of a JobEngine.
 * Idle workers are shut down {@link IDLE_SHUTDOWN_MS} after the last job ended (as Squoosh's WorkerBridge does
 * after 10 s) and start again with the next job. The preview worker is not part of the pool (engineClient.ts).
 */
import type { SnapframeError } from '../core/job/errors';
import { MAX_JOB_WORKERS } from '../core/decode/workerCount';
import { EngineClient } from './client';
import type { CoreLoadProgress } from './coreLoad';
import type { JobEngine } from './jobEngine';

/** How long job workers stay up with no job, ms (Squoosh's WorkerBridge: 10 s). */
export const IDLE_SHUTDOWN_MS = 10_000;

export class WorkerPool {
  /** One client per lane, made up front (a client starts no worker until it is called). */
  private readonly clients: EngineClient[];
  private jobsRunning = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param size the most workers, 1 … MAX_JOB_WORKERS
   * @param idleMs idle time before the workers are shut down, ms
   * @param makeClient makes lane `index`'s client (tests may pass fakes)
   */
  constructor(
    size = MAX_JOB_WORKERS,
    private readonly idleMs = IDLE_SHUTDOWN_MS,
    makeClient: (index: number) => EngineClient = (index) => new EngineClient(`snapframe-job-${index + 1}`),
  ) {
    this.clients = Array.from({ length: size }, (_, i) => makeClient(i));
  }

  /** The most lanes a job can get. */
  get size(): number {
    return this.clients.length;
  }

  /** Lane `index`'s client (0-based). Lane 0 is the first to start and the one that holds sprite sheets. */
  client(index: number): EngineClient {
    const client = this.clients[index];
    if (!client) throw new RangeError(`No job worker #${index + 1} (the pool has ${this.clients.length}).`);
    return client;
  }

  /**
   * Marks a job as running on `lanes` workers (the idle shutdown waits) and returns the engine it runs on. Call
   * {@link release} when it ends, whatever the outcome.
   * @param lanes 1 … size (clamped)
   */
  acquire(lanes: number): JobEngine {
    this.jobsRunning += 1;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const count = Math.max(1, Math.min(this.clients.length, Math.floor(lanes)));
    return { lanes: count, lane: (index) => this.client(index) };
  }

  /** Ends a job started with {@link acquire}; once no job runs, the idle shutdown is scheduled. */
  release(): void {
    this.jobsRunning = Math.max(0, this.jobsRunning - 1);
    if (this.jobsRunning > 0) return;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.jobsRunning === 0) this.shutDownIdle();
    }, this.idleMs);
  }

  /** Terminates every worker that has no call in flight (they start again on demand). */
  shutDownIdle(): void {
    for (const client of this.clients) if (client.running && !client.busy) client.restart();
  }

  /**
   * Terminates every worker and rejects their calls with `reason`: after a crash, a hang or a failed allocation, the
   * next job runs on fresh workers.
   */
  restartAll(reason?: SnapframeError): void {
    for (const client of this.clients) client.restart(reason);
  }

  /** Workers running now. */
  get running(): number {
    return this.clients.filter((c) => c.running).length;
  }

  /** Listens to the ffmpeg.wasm core download of any job worker. @returns a function that stops listening */
  onCoreLoad(listener: (progress: CoreLoadProgress) => void): () => void {
    const stops = this.clients.map((c) => c.onCoreLoad(listener));
    return () => stops.forEach((stop) => stop());
  }
}
