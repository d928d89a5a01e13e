import type { VideoInput } from '../../engine/api';
import { useEffect, useRef, useState } from 'react';
import { toSnapframeError } from '../../core/job/errors';
import type { FrameType, SourceInfo } from '../../core/job/types';
import { frameQueue, type RenderedFrame } from './previewFrames';

/** How long the pointer must rest while scrubbing before the exact frame is rendered, ms. */
export const REST_MS = 150;
/** Width of the engine preview frame, px at most (the source width when narrower). */
const PREVIEW_WIDTH_PX = 640;

/**
 * The frame the engine preview shows for a file the browser cannot play: while `fast` (the
 * user scrubs or it plays) the keyframe at or before `timeMs`, quickly; at rest, and once the pointer rests
 * {@link REST_MS}, the exact frame (docs/SPEC.md "Times"). Requests go through the shared frame queue: at most one
 * in flight, only the latest wanted one waits, nothing is aborted. Every answer is shown as it comes (in order), so
 * scrubbing shows the latest frame available.
 * @param timeMs the wanted time, ms.
 * @returns the last frame rendered (JPEG + its time, ms), whether the wanted one is still coming, and the last
 *   error's message (cleared by the next frame).
 */
export function useEngineFrame(file: VideoInput, info: SourceInfo, timeMs: number, fast: boolean) {
  const [frame, setFrame] = useState<RenderedFrame | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** What was last asked for, `type@ms`: the same request twice in a row is not sent again. */
  const wanted = useRef('');
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      wanted.current = '';
      frameQueue.want('preview', null);
    };
  }, []);

  useEffect(() => {
    const want = (frameType: FrameType) => {
      const key = `${frameType}@${timeMs}`;
      if (key === wanted.current) return;
      wanted.current = key;
      setBusy(true);
      const width = Math.min(info.width, PREVIEW_WIDTH_PX);
      frameQueue.want('preview', {
        request: { file, info, timeMs, width, frameType },
        onDone: (result) => {
          if (!mounted.current) return;
          setFrame(result);
          setError(null);
          if (wanted.current === key) setBusy(false);
        },
        onError: (raw) => {
          if (!mounted.current || wanted.current !== key) return;
          const e = toSnapframeError(raw);
          if (e.code !== 'Cancelled') setError(e.message);
          setBusy(false);
          wanted.current = '';
        },
      });
    };
    if (!fast) {
      want('accurate');
      return undefined;
    }
    want('keyframe');
    const timer = setTimeout(() => want('accurate'), REST_MS);
    return () => clearTimeout(timer);
  }, [file, info, timeMs, fast]);

  return { frame, busy, error };
}
