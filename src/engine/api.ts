/**
 * The only door into the engine (DESIGN.md). The page calls these; they run in the engine worker.
 */
import { CancelledError, SnapframeError, type SerializedError } from '../core/errors';
import { buildManifest, type Manifest } from '../core/manifest';
import { snapshotFileName } from '../core/naming';
import type { DecoderName, OffsetsSpec, SourceInfo } from '../core/types';
import { EngineClient } from './client';

const client = new EngineClient();
const DECODER: DecoderName = 'ffmpeg.wasm';

/** `?engineFault=crash` in the page URL makes the first job's first exec crash ffmpeg.wasm for real (tests). */
let crashPending = typeof location !== 'undefined' && new URLSearchParams(location.search).get('engineFault') === 'crash';

/** One image the engine produced. */
export interface SnapshotImage {
  /** File name inside the zip, e.g. "flower_00001500ms.jpg" (core/naming.ts). */
  name: string;
  /** The time the user asked for, ms. */
  requestedMs: number;
  /** Presentation time of the frame actually used, ms (microsecond precision). */
  actualMs: number;
  /** Image size, px. */
  width: number;
  height: number;
  /** The encoded image. */
  blob: Blob;
}

export interface JobProgress {
  /** Images made so far (including times that could not be decoded). */
  done: number;
  total: number;
}

export interface JobOptions {
  jobId: string;
  /** Aborting cancels the job within a second: the worker is terminated and the next job starts a fresh one. */
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  /** Called with every image as soon as it is made (results stream out while the job runs). */
  onImage?: (image: SnapshotImage) => void;
}

/** A time that could not be decoded (damaged or missing data); the job still delivers the others. */
export interface SkippedTime {
  requestedMs: number;
  error: SerializedError;
}

export interface JobResult {
  images: SnapshotImage[];
  skipped: SkippedTime[];
  decoder: DecoderName;
  manifest: Manifest;
}

/**
 * Probes a video file.
 * @returns its SourceInfo (display size after rotation/SAR, duration ms, codec, frame rate…)
 * @throws SnapframeError UnsupportedMedia (not a video, empty, audio only), FileUnreadable, InternalError,
 *   Cancelled (when `signal` aborts)
 */
export function probeSource(file: File, signal?: AbortSignal): Promise<SourceInfo> {
  return client.call((api) => api.probe(file), signal);
}

/**
 * Runs an offsets job (SPEC mode `offsets`): one image per requested time, in ascending time order.
 * @param spec validated spec (core/spec.ts): times in ms within [0, duration], output size px
 * @returns the images, the times that could not be decoded, and the manifest (SPEC "Jobs")
 * @throws SnapframeError Cancelled when aborted; InternalError (with the engine log tail) when ffmpeg.wasm
 *   crashed or hung; UnsupportedMedia when not a single time could be decoded; FileUnreadable
 */
export async function createSnapshotJob(
  file: File,
  source: SourceInfo,
  spec: OffsetsSpec,
  options: JobOptions,
): Promise<JobResult> {
  const { signal, onProgress, onImage } = options;
  const createdAt = new Date().toISOString();
  const images: SnapshotImage[] = [];
  const skipped: SkippedTime[] = [];
  const total = spec.offsetsMs.length;
  onProgress?.({ done: 0, total });
  if (crashPending) {
    crashPending = false;
    await client.call((api) => api.armCrash(), signal);
  }
  for (const timeMs of spec.offsetsMs) {
    if (signal?.aborted) throw new CancelledError();
    try {
      const frame = await client.call(
        (api) =>
          api.frame(file, source, {
            timeMs,
            width: spec.width,
            height: spec.height,
            format: spec.format,
            quality: spec.quality,
            frameType: spec.frameType,
          }),
        signal,
      );
      const image: SnapshotImage = {
        name: snapshotFileName(source.name, timeMs, spec.format),
        requestedMs: timeMs,
        actualMs: frame.actualMs,
        width: frame.width,
        height: frame.height,
        blob: frame.blob,
      };
      images.push(image);
      onImage?.(image);
    } catch (error) {
      if (!(error instanceof SnapframeError) || error.code !== 'UnsupportedMedia') throw error;
      skipped.push({ requestedMs: timeMs, error: error.toJSON() });
    }
    onProgress?.({ done: images.length + skipped.length, total });
  }
  if (images.length === 0 && skipped[0]) throw new SnapframeError('UnsupportedMedia', skipped[0].error.message);
  const manifest = buildManifest({
    jobId: options.jobId,
    createdAt,
    finishedAt: new Date().toISOString(),
    decoder: DECODER,
    spec,
    source,
    files: images.map((i) => ({
      name: i.name,
      requestedMs: i.requestedMs,
      actualMs: i.actualMs,
      width: i.width,
      height: i.height,
      bytes: i.blob.size,
    })),
    skipped: skipped.map((s) => ({ requestedMs: s.requestedMs, reason: s.error.message })),
  });
  return { images, skipped, decoder: DECODER, manifest };
}

/**
 * Renders the frame displayed at `timeMs` for the preview of files the browser cannot play (Indeo, MPEG-2…).
 * @param maxWidth px; the preview keeps the display aspect ratio
 * @returns a JPEG and the frame's actual time, ms
 */
export async function renderPreviewFrame(
  file: File,
  source: SourceInfo,
  timeMs: number,
  options: { signal?: AbortSignal; maxWidth?: number } = {},
): Promise<{ blob: Blob; actualMs: number }> {
  const width = Math.min(source.width, options.maxWidth ?? 640);
  const height = Math.max(1, Math.round((source.height * width) / source.width));
  const frame = await client.call(
    (api) => api.frame(file, source, { timeMs, width, height, format: 'jpg', quality: 80, frameType: 'accurate' }),
    options.signal,
  );
  return { blob: frame.blob, actualMs: frame.actualMs };
}
