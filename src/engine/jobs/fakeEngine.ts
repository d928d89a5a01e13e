/**
 * A fake JobEngine for the job runners' unit tests (runFrames.test.ts, runSprite.test.ts): lanes that answer the
 * WorkerApi calls the runners make from a fake video (a keyframe every `gopMs`, frames every `frameMs`), record who
 * did what, and behave as EngineClient does on abort (reject with CancelledError at once). Not used by the app.
 */
import { CancelledError, InternalError, ResourceLimitError, SnapframeError } from '../../core/job/errors';
import type { DecoderName, ImageFormat } from '../../core/job/types';
import type { EngineLane, JobEngine, Watchdog } from '../jobEngine';
import type { CellImage, CellRequest, FrameRequest, FrameResult, WorkerApi } from '../protocol';

export interface FakeVideo {
  /** Keyframe interval, ms (keyframes at 0, gopMs, 2 gopMs…). */
  gopMs: number;
  /** Frame interval, ms. */
  frameMs: number;
  /** Times (requested ms) whose frame cannot be decoded (UnsupportedMedia: skipped). */
  damagedMs?: readonly number[];
  /** Times whose call never returns (until aborted or its watchdog fires): a hang, for cancel and watchdog tests. */
  hangMs?: readonly number[];
  /** Fires every call's watchdog (jobEngine.ts Watchdog) after this many ms instead of its budget (tests run fast). */
  watchdogMs?: number;
  /** Times whose call fails as a crash does (InternalError). */
  crashMs?: readonly number[];
  decoder?: DecoderName;
  /** beginSheet fails as a canvas the browser cannot allocate does (ResourceLimit). */
  sheetFails?: boolean;
}

/** What the fake lanes were asked. */
export interface FakeLog {
  /** Per call: lane, method and argument summary, in call order. */
  calls: Array<{ lane: number; method: string; timeMs?: number; sheet?: number; x?: number; y?: number }>;
  /** Calls that were pending when their signal aborted. */
  aborted: Array<{ lane: number; method: string }>;
}

class FakeLane implements EngineLane {
  /** The sheets open in this lane's worker; a watchdog that fires stops the worker and loses them. */
  private readonly sheets = new Set<number>();
  /** Rejections of the calls in flight, for a worker stopped by a watchdog. */
  private readonly pending = new Set<(error: SnapframeError) => void>();

  constructor(
    private readonly index: number,
    private readonly video: FakeVideo,
    private readonly log: FakeLog,
  ) {}

  private keyframeOf(t: number): number {
    return Math.floor(t / this.video.gopMs) * this.video.gopMs;
  }

  private frameAt(method: string, request: FrameRequest): Promise<{ actualMs: number }> {
    const t = request.timeMs;
    this.log.calls.push({ lane: this.index, method, timeMs: t });
    if (this.video.hangMs?.includes(t)) return new Promise(() => undefined);
    if (this.video.crashMs?.includes(t))
      return Promise.reject(new InternalError('The video engine (ffmpeg.wasm) crashed: test.', ['log line']));
    if (this.video.damagedMs?.includes(t)) return Promise.reject(new SnapframeError('UnsupportedMedia', `No frame at ${t} ms.`));
    const actualMs = request.frameType === 'keyframe' ? this.keyframeOf(t) : Math.floor(t / this.video.frameMs) * this.video.frameMs;
    return Promise.resolve({ actualMs });
  }

  private api(): WorkerApi {
    const decoder = this.video.decoder ?? 'webcodecs';
    const lane = this.index;
    const log = this.log;
    return {
      probe: () => Promise.reject(new Error('not faked')),
      frame: async (_file, _source, request: FrameRequest): Promise<FrameResult> => {
        const { actualMs } = await this.frameAt('frame', request);
        return { blob: new Blob([`frame ${request.timeMs}`]), actualMs, width: request.width, height: request.height, decoder };
      },
      plan: async (_file, _source, timesMs) => {
        log.calls.push({ lane, method: 'plan', timeMs: timesMs[0] });
      },
      keyframes: async (_file, _source, timesMs) => {
        // An index read of no times only opens the file (shardRun.ts prepares the other lanes so).
        log.calls.push({ lane, method: timesMs.length > 0 ? 'keyframes' : 'open' });
        return timesMs.map((t) => this.keyframeOf(t));
      },
      cellImage: async (_file, _source, request: CellRequest): Promise<CellImage> => {
        const { actualMs } = await this.frameAt('cellImage', request);
        const bitmap = { width: request.width, height: request.height, close: () => undefined } as unknown as ImageBitmap;
        return { bitmap, actualMs, blob: request.keepCell ? new Blob([`cell ${request.timeMs}`]) : null, decoder };
      },
      beginSheet: async (sheet, width, height) => {
        log.calls.push({ lane, method: 'beginSheet', sheet });
        if (this.video.sheetFails)
          throw new ResourceLimitError(`The ${width}x${height} px picture is too large for this browser's memory.`);
        this.sheets.add(sheet);
      },
      drawCell: async (sheet, _bitmap, x, y) => {
        if (!this.sheets.has(sheet)) return false;
        log.calls.push({ lane, method: 'drawCell', sheet, x, y });
        return true;
      },
      endSheet: async (sheet, format: ImageFormat) => {
        if (!this.sheets.delete(sheet)) return null;
        log.calls.push({ lane, method: 'endSheet', sheet });
        return new Blob([`sheet ${sheet}`], { type: `image/${format}` });
      },
      encodeAnimation: async (frames) => {
        // timeMs carries the frame count here.
        log.calls.push({ lane, method: 'encodeAnimation', timeMs: frames.length });
        return { outputs: [], notes: [] };
      },
      shotFrames: async (_file, _source, range) => {
        log.calls.push({ lane, method: 'shotFrames', timeMs: range.fromMs });
        return { framesMs: [], mafd: [], sharpness: [], dark: [], decoder: 'webcodecs' as const };
      },
      takeNotes: async () => [],
      openUrl: () => Promise.reject(new Error('not faked')),
      takeBytesRead: async () => 0,
    };
  }

  call<T>(operation: (api: WorkerApi) => Promise<T>, signal?: AbortSignal, watchdog?: Watchdog): Promise<T> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      const timer = watchdog
        ? setTimeout(() => {
            // As EngineClient does: the worker is stopped, its sheets are lost, its other calls fail.
            this.pending.delete(reject);
            reject(watchdog.failure());
            this.log.calls.push({ lane: this.index, method: 'restart' });
            this.sheets.clear();
            for (const other of [...this.pending]) other(new InternalError('The video engine was restarted because a call stalled.'));
            this.pending.clear();
          }, this.video.watchdogMs ?? watchdog.budgetMs)
        : undefined;
      this.pending.add(reject);
      const onAbort = () => {
        clearTimeout(timer);
        const last = [...this.log.calls].reverse().find((c) => c.lane === this.index);
        this.log.aborted.push({ lane: this.index, method: last?.method ?? '?' });
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      operation(this.api()).then(
        (value) => {
          this.pending.delete(reject);
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(reject);
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}

/** A fake engine of `lanes` lanes over `video`; `log` records the calls. */
export function fakeEngine(lanes: number, video: FakeVideo): { engine: JobEngine; log: FakeLog } {
  const log: FakeLog = { calls: [], aborted: [] };
  const all = Array.from({ length: lanes }, (_, i) => new FakeLane(i, video, log));
  return { engine: { lanes, lane: (i) => all[i] as FakeLane }, log };
}
