import type { PointerEvent } from 'react';
import { formatTime } from '../../core/timeline/time';
import type { TimelineView } from '../../core/timeline/timelineView';

/**
 * Under the timeline: the visible part's start and end times, and, when zoomed, a bar of the whole video showing
 * where the window is; pressing or dragging on the bar moves the window there.
 */
export function ZoomOverview({ view, durationMs, panTo }: { view: TimelineView; durationMs: number; panTo: (ms: number) => void }) {
  const zoomed = view.spanMs < durationMs - 0.5;
  const pan = (event: PointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    panTo(((event.clientX - rect.left) / Math.max(1, rect.width)) * durationMs);
  };
  return (
    <div className="timeline__range">
      <span>{formatTime(view.startMs)}</span>
      {zoomed ? (
        <div
          className="timeline__overview"
          aria-hidden="true"
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            pan(event);
          }}
          onPointerMove={(event) => {
            if (event.currentTarget.hasPointerCapture(event.pointerId)) pan(event);
          }}
        >
          <span
            className="timeline__overview-window"
            style={{ left: `${(view.startMs / durationMs) * 100}%`, width: `${(view.spanMs / durationMs) * 100}%` }}
          />
        </div>
      ) : (
        <span className="timeline__spacer" />
      )}
      <span>{formatTime(view.startMs + view.spanMs)}</span>
      <span className="visually-hidden" aria-live="off">
        {`Visible from ${formatTime(view.startMs)} to ${formatTime(view.startMs + view.spanMs)}`}
      </span>
    </div>
  );
}
