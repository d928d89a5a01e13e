/**
 * The app's one {@link FrameQueue} on the preview engine, and the cache of timeline thumbnails.
 * Thumbnails are keyed by source id, width (px) and requested time (ms) and kept as object URLs; the least recently
 * used are dropped (and their URLs revoked) past {@link MAX_THUMBS}, so switching between videos reuses them.
 */
import type { VideoInput } from '../../engine/api';
import type { FrameType, SourceInfo } from '../../core/job/types';
import { renderPreviewFrame } from '../../engine/api';
import { FrameQueue } from './frameQueue';

/** What to render: a frame of `file` at `timeMs` (ms), `width` px wide. */
export interface PreviewRequest {
  file: VideoInput;
  info: SourceInfo;
  timeMs: number;
  width: number;
  frameType: FrameType;
}

/** A rendered JPEG and the time of the frame it shows, ms. */
export interface RenderedFrame {
  /** JPEG */
  blob: Blob;
  /** px */
  width: number;
  /** px */
  height: number;
  actualMs: number;
}

/** Serialises the timeline's and the engine preview's requests (see frameQueue.ts). */
export const frameQueue = new FrameQueue<PreviewRequest, RenderedFrame>((r) =>
  renderPreviewFrame(r.file, r.info, r.timeMs, { width: r.width, frameType: r.frameType }),
);

/** Width of filmstrip and hover thumbnails, px. */
export const THUMB_WIDTH_PX = 96;
/** Thumbnails kept at most (a few KB each). */
export const MAX_THUMBS = 400;

/** A cached thumbnail: an object URL and the time of the keyframe it shows, ms. */
export interface Thumb {
  url: string;
  actualMs: number;
}

const thumbs = new Map<string, Thumb>();

/** The cache key of a thumbnail of source `sourceId` at `timeMs` (integer ms). */
export function thumbKey(sourceId: number, timeMs: number): string {
  return `${sourceId}:${THUMB_WIDTH_PX}:${Math.round(timeMs)}`;
}

/** A cached thumbnail (marked as recently used), or undefined. */
export function getThumb(key: string): Thumb | undefined {
  const thumb = thumbs.get(key);
  if (thumb) {
    thumbs.delete(key);
    thumbs.set(key, thumb);
  }
  return thumb;
}

/** Caches a rendered thumbnail under `key`, evicting (and revoking) the least recently used past the limit. */
export function putThumb(key: string, frame: RenderedFrame): Thumb {
  const old = thumbs.get(key);
  if (old) return getThumb(key) ?? old;
  const thumb = { url: URL.createObjectURL(frame.blob), actualMs: frame.actualMs };
  thumbs.set(key, thumb);
  for (const [oldest, value] of thumbs) {
    if (thumbs.size <= MAX_THUMBS) break;
    thumbs.delete(oldest);
    URL.revokeObjectURL(value.url);
  }
  return thumb;
}

/** A thumbnail request for the frame queue: a keyframe (fast), {@link THUMB_WIDTH_PX} px wide. */
export function thumbRequest(file: VideoInput, info: SourceInfo, timeMs: number): PreviewRequest {
  return { file, info, timeMs: Math.round(timeMs), width: THUMB_WIDTH_PX, frameType: 'keyframe' };
}
