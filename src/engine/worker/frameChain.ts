/**
 * Decoding a frame is a fallback chain over the frame sources: the sources a decoder preference allows, in
 * order (WebCodecs, then ffmpeg.wasm); the first that gives the frame wins. One chain per open file: what each source
 * said about the file (opened, refused, dropped after an error) lasts until another file is asked for.
 */
import { frameWork, stageBudgetMs } from '../../core/damage/budget';
import type { VideoInput } from '../videoInput';
import { ffmpegWasmLacks, undecodableCodecSentence, type DecoderPreference } from '../../core/decode/decoderChoice';
import { FileUnreadableError, InternalError, UnsupportedMediaError } from '../../core/job/errors';
import type { DecoderName, FrameType, SourceInfo } from '../../core/job/types';
import type { LumaReader } from './shots/lumaFrames';
import { fileKey } from './fileKey';
import {
  isRefusal,
  type DecodedFrame,
  type FrameSource,
  type FrameSourceFactory,
  type PictureRequest,
  type Refusal,
} from './sources/frameSource';

/** One decoder's state for the open file: not opened yet, open, or refused (never opened, or dropped after an error). */
type Slot = { factory: FrameSourceFactory; state: FrameSource | Refusal | null };

function withTimeout<T>(work: Promise<T>, ms: number | null, what: string): Promise<T> {
  if (ms === null) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s, more than its frames warrant`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const label = (factory: FrameSourceFactory) => (factory.decoder === 'webcodecs' ? 'WebCodecs' : 'ffmpeg.wasm');

/** The frame sources of one file, in fallback order. */
export class FrameChain {
  readonly key: string;
  private readonly slots: Slot[];

  /**
   * @param factories the decoders, in fallback order; the last one is the decoder of last resort
   * @param note receives a sentence for the job's manifest each time a source fails and the next takes over
   */
  constructor(
    private readonly file: VideoInput,
    private readonly source: SourceInfo,
    factories: readonly FrameSourceFactory[],
    private readonly note: (sentence: string) => void,
  ) {
    this.key = fileKey(file);
    this.slots = factories.map((factory) => ({ factory, state: null }));
  }

  /** The slots a preference uses: `ffmpeg` only ffmpeg.wasm, otherwise all (`webcodecs` falls back on refusals only). */
  private usable(preference: DecoderPreference): Slot[] {
    return preference === 'ffmpeg' ? this.slots.filter((s) => s.factory.decoder === 'ffmpeg.wasm') : this.slots;
  }

  private async open(slot: Slot): Promise<FrameSource | Refusal> {
    if (slot.state === null) slot.state = await slot.factory.open(this.file, this.source);
    return slot.state;
  }

  /** Announces the job's times to every source the preference uses. Never throws: frameAt() reports any problem. */
  async plan(
    timesMs: readonly number[],
    frameType: FrameType,
    preference: DecoderPreference,
    keyframesMs?: ReadonlyArray<number | null>,
    lanes = 1,
    neighbours = false,
  ): Promise<void> {
    for (const slot of this.usable(preference)) {
      try {
        const source = await this.open(slot);
        if (!isRefusal(source)) await source.plan(timesMs, frameType, keyframesMs, lanes, neighbours);
      } catch {
        // frameAt() reports it
      }
    }
  }

  /**
   * The frame for a request, from the first source that gives it. A source that refuses the file is skipped; one
   * that refuses a time hands it to the next; one that fails (an error, or over its watchdog) is dropped for the
   * rest of the file, with a warning in the console and a note for the manifest.
   * @throws InternalError with preference `webcodecs` when WebCodecs cannot open or fails (tests: no fallback);
   *   FileUnreadableError from any source (the video cannot be read: no other decoder is tried); whatever the last source throws (UnsupportedMediaError for a time with no decodable frame, InternalError…)
   */
  async frameAt(request: PictureRequest, preference: DecoderPreference): Promise<DecodedFrame> {
    const slots = this.usable(preference);
    const strict = preference === 'webcodecs';
    let refusal = 'no decoder can decode it';
    for (const [i, slot] of slots.entries()) {
      const last = i === slots.length - 1;
      const source = await this.open(slot);
      if (isRefusal(source)) {
        if (strict && slot.factory.decoder === 'webcodecs') {
          throw new InternalError(`WebCodecs cannot decode ${this.file.name}: ${source.refused}`);
        }
        refusal = source.refused;
        continue;
      }
      if (last) {
        const answer = await source.frameAt(request);
        if (isRefusal(answer))
          throw new InternalError(`${label(slot.factory)} cannot decode ${this.file.name} at ${request.timeMs} ms: ${answer.refused}`);
        return answer;
      }
      try {
        // The watchdog is sized by the frame's work (the widest window before t at this size), under the source's ceiling.
        const budget =
          source.watchdogMs === null ? null : Math.min(source.watchdogMs, stageBudgetMs(frameWork(this.source, request.timeMs)));
        const answer = await withTimeout(source.frameAt(request), budget, `${label(slot.factory)} decoding`);
        if (!isRefusal(answer)) return answer;
        refusal = answer.refused;
      } catch (error) {
        // The video could not be read (a URL whose connection was lost): the next decoder would read the same bytes.
        if (error instanceof FileUnreadableError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        const name = label(slot.factory);
        if (strict) throw new InternalError(`${name} failed on ${this.file.name}: ${reason}`);
        const next = label((slots[i + 1] as Slot).factory);
        console.warn(`Snapframe: ${name} failed on ${this.file.name} at ${request.timeMs} ms (${reason}); using ${next}.`);
        this.note(`${name} failed on ${this.file.name} at ${request.timeMs} ms (${reason}); ${next} decoded the rest of its frames.`);
        source.dispose();
        slot.state = { refused: reason };
      }
    }
    throw this.noDecoder(preference, refusal);
  }

  /**
   * The error when every source refused the file: for a codec ffmpeg.wasm has no decoder for (AV1), UnsupportedMedia
   * naming the codec and why the browser's decoder did not take it; otherwise InternalError with the last refusal.
   */
  private noDecoder(preference: DecoderPreference, refusal: string): Error {
    const codec = ffmpegWasmLacks(this.source.codec ?? '');
    if (!codec) return new InternalError(`No decoder here can decode ${this.file.name}: ${refusal}`);
    const webcodecs = this.slots.find((s) => s.factory.decoder === 'webcodecs')?.state;
    const why =
      preference === 'ffmpeg'
        ? 'the decoder is set to ffmpeg.wasm only'
        : webcodecs && isRefusal(webcodecs)
          ? webcodecs.refused
          : 'this browser has no decoder for it';
    return new UnsupportedMediaError(undecodableCodecSentence(codec, this.file.name, why));
  }

  /**
   * The keyframe at or before each time (FrameSource.keyframesAt), from the first source the preference uses that
   * opens the file and reads its index (mediabunny before ffprobe); times: ms, ascending (none: only opens the file).
   * @returns per time, ms or null
   * @throws what the last source throws (InternalError when ffmpeg.wasm crashes or hangs, FileUnreadable)
   */
  async keyframes(timesMs: readonly number[], preference: DecoderPreference): Promise<Array<number | null>> {
    const slots = this.usable(preference);
    for (const [i, slot] of slots.entries()) {
      const source = await this.open(slot);
      if (isRefusal(source)) continue;
      try {
        return await source.keyframesAt(timesMs);
      } catch (error) {
        if (i === slots.length - 1 || error instanceof FileUnreadableError) throw error;
      }
    }
    return timesMs.map(() => null);
  }

  /** The open source of `decoder` for this file, or null (not opened, refused or dropped). */
  opened(decoder: DecoderName): FrameSource | null {
    const state = this.slots.find((s) => s.factory.decoder === decoder)?.state ?? null;
    return state && !isRefusal(state) ? state : null;
  }

  /**
   * Runs `work` on the luma frames of the first source the preference uses that reads them (the cut pass);
   * when it fails and another source follows, that one runs it (noted, and the failing source is dropped for the
   * file, as for frames).
   * @throws InternalError when no source reads luma frames, or (preference `webcodecs`) when WebCodecs fails
   */
  async withLuma<T>(preference: DecoderPreference, work: (read: LumaReader) => Promise<T>): Promise<{ result: T; decoder: DecoderName }> {
    const slots = this.usable(preference);
    for (const [i, slot] of slots.entries()) {
      const source = await this.open(slot);
      if (isRefusal(source) || !source.readLuma) continue;
      try {
        return { result: await work(source.readLuma), decoder: source.decoder };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (i === slots.length - 1) throw error;
        if (preference === 'webcodecs') throw new InternalError(`${label(slot.factory)} failed on ${this.file.name}: ${reason}`);
        this.note(
          `${label(slot.factory)} failed on ${this.file.name} while reading frames (${reason}); ${label((slots[i + 1] as Slot).factory)} decoded the rest.`,
        );
        source.dispose();
        slot.state = { refused: reason };
      }
    }
    throw this.noDecoder(preference, 'no decoder reads its frames');
  }

  /** Releases every open source. */
  dispose(): void {
    for (const slot of this.slots) {
      if (slot.state && !isRefusal(slot.state)) slot.state.dispose();
      slot.state = null;
    }
  }
}
