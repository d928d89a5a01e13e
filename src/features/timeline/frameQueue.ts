/**
 * One door to the preview engine for everything the timeline shows: the preview frame while scrubbing,
 * the hover thumbnail and the filmstrip. The preview worker handles one request at a time, and aborting one costs
 * a worker restart (~0.5 s), so superseded requests are never aborted: at most one is in flight, and each lane
 * keeps only what is still wanted.
 * - `preview` and `hover`: latest wins; a newer request replaces the waiting one (its callbacks are never called).
 * - `strip`: a list, replaced as a whole when the filmstrip changes, served in order.
 * The next request taken is the preview's, then the hover's, then the strip's. Pure TypeScript, no DOM.
 */

/** A request and where its answer goes. Exactly one of the callbacks is called, unless it is superseded. */
export interface FrameTask<Req, Res> {
  request: Req;
  onDone: (result: Res) => void;
  onError?: (error: unknown) => void;
}

export type LatestLane = 'preview' | 'hover';

export class FrameQueue<Req, Res> {
  private busy = false;
  private readonly latest: Record<LatestLane, FrameTask<Req, Res> | null> = { preview: null, hover: null };
  private strip: FrameTask<Req, Res>[] = [];

  /** @param run does one request (e.g. renders a frame); called again only after it settled. */
  constructor(private readonly run: (request: Req) => Promise<Res>) {}

  /** Wants `task` next in its lane, dropping the lane's waiting one; null only drops. */
  want(lane: LatestLane, task: FrameTask<Req, Res> | null): void {
    this.latest[lane] = task;
    this.pump();
  }

  /** Replaces the waiting filmstrip requests (the one in flight, if any, still completes). */
  setStrip(tasks: readonly FrameTask<Req, Res>[]): void {
    this.strip = [...tasks];
    this.pump();
  }

  /** True while a request runs. */
  get inFlight(): boolean {
    return this.busy;
  }

  private take(): FrameTask<Req, Res> | undefined {
    for (const lane of ['preview', 'hover'] as const) {
      const task = this.latest[lane];
      if (task) {
        this.latest[lane] = null;
        return task;
      }
    }
    return this.strip.shift();
  }

  private pump(): void {
    if (this.busy) return;
    const task = this.take();
    if (!task) return;
    this.busy = true;
    let settled: Promise<void>;
    try {
      settled = this.run(task.request).then(task.onDone, (error: unknown) => task.onError?.(error));
    } catch (error) {
      task.onError?.(error);
      settled = Promise.resolve();
    }
    void settled
      .catch(() => undefined)
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }
}
