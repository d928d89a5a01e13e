/**
 * The animated preview of a sample or sprite job, on the page's side: the runner asks each frame's
 * worker for the frame at the animation's size too (FrameRequest.animation), collects the RGBA frames by time
 * index (so the order holds whichever worker decoded them), and at the end has one worker encode the GIF and the
 * WebM clip (WorkerApi.encodeAnimation), emitted as `preview.gif` and `preview.webm`.
 */
import { transfer } from 'comlink';
import { animationFileName } from '../../core/output/naming';
import type { AnimationParams } from '../../core/job/types';
import type { EngineLane } from '../jobEngine';
import { throwIfCancelled, type RunContext } from './runContext';

export class AnimationFrames {
  private readonly frames = new Map<number, { requestedMs: number; actualMs: number; rgba: Uint8Array }>();

  constructor(private readonly params: AnimationParams) {}

  /** The frame size to ask each worker for, px. */
  get request(): { width: number; height: number } {
    return { width: this.params.width, height: this.params.height };
  }

  /**
   * Keeps the frame of the time at `index` (0-based in the plan); a time that gave no frame is left out.
   * @param rgba width × height × 4 bytes from FrameResult.animationFrame (absent: nothing is kept)
   */
  add(index: number, requestedMs: number, actualMs: number, rgba: Uint8Array | undefined): void {
    if (rgba) this.frames.set(index, { requestedMs, actualMs, rgba });
  }

  /** Encodes the frames in time order and emits the GIF and the clip (nothing when no frame was decoded). */
  async finish(lane: EngineLane, ctx: RunContext): Promise<void> {
    throwIfCancelled(ctx);
    const ordered = [...this.frames.entries()].sort(([a], [b]) => a - b).map(([, frame]) => frame);
    if (ordered.length === 0) return;
    const rgba = ordered.map((f) => f.rgba);
    const request = { width: this.params.width, height: this.params.height, frameRate: this.params.frameRate };
    this.frames.clear();
    const { outputs } = await lane.call(
      (api) =>
        api.encodeAnimation(
          transfer(
            rgba,
            rgba.map((f) => f.buffer),
          ),
          request,
        ),
      ctx.signal,
    );
    for (const encoded of outputs) {
      ctx.emit(
        {
          kind: 'animation',
          name: animationFileName(encoded.format),
          blob: encoded.blob,
          format: encoded.format,
          codec: encoded.codec,
          width: request.width,
          height: request.height,
          frameRate: request.frameRate,
          frames: ordered.length,
          durationMs: (ordered.length * 1000) / request.frameRate,
          requestedMs: ordered.map((f) => f.requestedMs),
          actualMs: ordered.map((f) => f.actualMs),
          encodeMs: encoded.encodeMs,
        },
        Number.MAX_SAFE_INTEGER,
      );
    }
  }
}
