import type { VideoInput } from '../../engine/api';
import { useEffect, useReducer, useRef } from 'react';
import type { SourceInfo } from '../../core/job/types';
import { frameQueue, getThumb, putThumb, thumbKey, thumbRequest, type Thumb } from './previewFrames';

/** The video thumbnails are made of: its store id (the cache key) and what the engine needs. */
export interface ThumbSource {
  id: number;
  file: VideoInput;
  info: SourceInfo;
}

/**
 * The filmstrip's thumbnails, made one at a time in the background (keyframes, 96 px wide) and shown as they come.
 * Replaces the waiting filmstrip requests whenever `timesMs` changes (zoom, pan, resize).
 * @param timesMs integer ms, in the order they should be made.
 * @returns the thumbnails made so far, by time (ms).
 */
export function useFilmstrip(source: ThumbSource, timesMs: readonly number[]): Map<number, Thumb> {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const timesKey = timesMs.join(',');
  const { id, file, info } = source;

  useEffect(() => {
    const missing =
      timesKey === ''
        ? []
        : timesKey
            .split(',')
            .map(Number)
            .filter((t) => !getThumb(thumbKey(id, t)));
    frameQueue.setStrip(
      missing.map((t) => ({
        request: thumbRequest(file, info, t),
        onDone: (frame) => {
          putThumb(thumbKey(id, t), frame);
          bump();
        },
      })),
    );
    return () => frameQueue.setStrip([]);
  }, [id, file, info, timesKey]);

  const thumbs = new Map<number, Thumb>();
  for (const t of timesMs) {
    const thumb = getThumb(thumbKey(id, t));
    if (thumb) thumbs.set(t, thumb);
  }
  return thumbs;
}

/**
 * The hover tooltip's thumbnail at `timeMs`: from the cache, else requested (latest wins; nothing is requested
 * while `timeMs` is null).
 * @param timeMs integer ms; callers quantise it so that nearby pointer positions share a thumbnail.
 * @returns the thumbnail, or while it is being made the last one shown (null at first).
 */
export function useHoverThumb(source: ThumbSource, timeMs: number | null): Thumb | null {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const { id, file, info } = source;
  const key = timeMs === null ? null : thumbKey(id, timeMs);

  useEffect(() => {
    if (timeMs === null || key === null) {
      frameQueue.want('hover', null);
      return;
    }
    if (getThumb(key)) return;
    frameQueue.want('hover', {
      request: thumbRequest(file, info, timeMs),
      onDone: (frame) => {
        putThumb(key, frame);
        bump();
      },
    });
  }, [id, file, info, key, timeMs]);

  useEffect(() => () => frameQueue.want('hover', null), []);

  const thumb = key === null ? null : (getThumb(key) ?? null);
  const shown = useRef<Thumb | null>(null);
  useEffect(() => {
    if (thumb) shown.current = thumb;
  });
  return thumb ?? shown.current;
}
