import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import {
  clampView,
  followPlayhead,
  fullView,
  minSpanMs,
  timeAt,
  zoomLevel,
  zoomView,
  type TimelineView,
} from '../../core/timeline/timelineView';
import { useStore } from '../../store';

/** Zoom factor of one "Zoom in" press (and the inverse for "Zoom out"). */
export const ZOOM_STEP = 2;
/** Wheel delta (px) that zooms by a factor of 2 with Ctrl held. */
const WHEEL_PX_PER_DOUBLING = 200;

/** What the timeline shows and how to change it. */
export interface TimelineZoom {
  view: TimelineView;
  /** How many windows fit in the video (1 = all of it). */
  level: number;
  canZoomIn: boolean;
  canZoomOut: boolean;
  /** Zooms by `factor` (> 1 in) around the playhead. */
  zoomBy: (factor: number) => void;
  /** Moves the window so that it is centred on `ms` (clamped to the video). */
  panTo: (ms: number) => void;
}

/** Wheel deltas in px whatever the device reports (lines are ~33 px, pages the element's width). */
function wheelPx(event: WheelEvent, delta: number, widthPx: number): number {
  if (event.deltaMode === WheelEvent.DOM_DELTA_LINE) return delta * 33;
  if (event.deltaMode === WheelEvent.DOM_DELTA_PAGE) return delta * widthPx;
  return delta;
}

/**
 * The timeline's visible window (core/timeline/timelineView.ts): zoom with the buttons (around the playhead) or Ctrl+wheel
 * over `trackRef` (around the pointer), pan with a horizontal wheel (or Shift+wheel) when zoomed, and follow the
 * playhead when it leaves the window (playing, keys, typed times).
 * @param frameMs one frame's duration, ms: the deepest zoom shows a frame {@link MIN_FRAME_PX} px wide.
 * @param widthPx the timeline's width, px.
 */
export function useTimelineView(
  trackRef: RefObject<HTMLElement | null>,
  durationMs: number,
  frameMs: number,
  widthPx: number,
): TimelineZoom {
  const [view, setView] = useState<TimelineView>(() => fullView(durationMs));
  const minSpan = minSpanMs(durationMs, frameMs, widthPx);
  /** The window as last rendered or set: for the wheel handler (which must decide at once whether to preventDefault) and the playhead follower. */
  const current = useRef(view);
  useLayoutEffect(() => {
    current.current = view;
  }, [view]);

  useEffect(
    () =>
      useStore.subscribe((state, previous) => {
        if (state.previewTimeMs === previous.previewTimeMs) return;
        const next = followPlayhead(current.current, state.previewTimeMs, durationMs);
        if (next !== current.current) {
          current.current = next;
          setView(next);
        }
      }),
    [durationMs],
  );

  useEffect(() => {
    const element = trackRef.current;
    if (!element) return undefined;
    const onWheel = (event: WheelEvent) => {
      const rect = element.getBoundingClientRect();
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        const factor = 2 ** (-wheelPx(event, event.deltaY, rect.width) / WHEEL_PX_PER_DOUBLING);
        const fraction = (event.clientX - rect.left) / Math.max(1, rect.width);
        setView((v) => zoomView(v, factor, timeAt(v, fraction), durationMs, minSpan));
        return;
      }
      const horizontal = event.shiftKey ? event.deltaY || event.deltaX : event.deltaX;
      const v = current.current;
      if (horizontal === 0 || (!event.shiftKey && Math.abs(event.deltaX) < Math.abs(event.deltaY))) return;
      if (v.spanMs >= fullView(durationMs).spanMs) return;
      event.preventDefault();
      const shiftMs = (wheelPx(event, horizontal, rect.width) / Math.max(1, rect.width)) * v.spanMs;
      setView(clampView({ startMs: v.startMs + shiftMs, spanMs: v.spanMs }, durationMs));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [trackRef, durationMs, minSpan]);

  const zoomBy = useCallback(
    (factor: number) => setView((v) => zoomView(v, factor, useStore.getState().previewTimeMs, durationMs, minSpan)),
    [durationMs, minSpan],
  );
  const panTo = useCallback(
    (ms: number) => setView((v) => clampView({ startMs: ms - v.spanMs / 2, spanMs: v.spanMs }, durationMs)),
    [durationMs],
  );

  const full = fullView(durationMs).spanMs;
  return {
    view,
    level: zoomLevel(view, durationMs),
    canZoomIn: view.spanMs > minSpan + 0.5,
    canZoomOut: view.spanMs < full - 0.5,
    zoomBy,
    panTo,
  };
}
