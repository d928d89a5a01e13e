import { snapToFrame } from '../../core/timeline/frameClock';
import { timeAt, type TimelineView } from '../../core/timeline/timelineView';
import type { SourceInfo } from '../../core/job/types';

/** A point on the timeline: fraction of its width (0..1) and the time there, ms. */
export interface HoverPoint {
  fraction: number;
  ms: number;
}

/**
 * The point of `view` under the pointer: its fraction of `element`'s width (clamped to 0..1, so a drag stays within
 * the visible window) and the time there, snapped to the start of the frame shown (core/timeline/frameClock.ts `snapToFrame`)
 * and at most the duration.
 * @param clientX the pointer's x, CSS px in the viewport.
 */
export function pointAt(element: HTMLElement, clientX: number, view: TimelineView, info: SourceInfo): HoverPoint {
  const rect = element.getBoundingClientRect();
  const fraction = Math.min(1, Math.max(0, (clientX - rect.left) / Math.max(1, rect.width)));
  const ms = Math.min(Math.round(info.durationMs), snapToFrame(timeAt(view, fraction), info.frameRate));
  return { fraction, ms };
}
