import { useState, type PointerEvent, type ReactNode } from 'react';
import { formatTime } from '../../core/timeline/time';
import { fractionOf, type TimelineView } from '../../core/timeline/timelineView';
import { useStore } from '../../store';
import { HoverTip } from './HoverTip';
import { pausePreview, seekPreview } from './playback';
import { pointAt, type HoverPoint } from './pointer';
import type { ThumbSource } from './useThumbnails';
import { useTimelineStore } from './useTimelineStore';

interface Props {
  source: ThumbSource;
  view: TimelineView;
  widthPx: number;
  /** The filmstrip and ticks, drawn under the playhead. */
  children: ReactNode;
}

/**
 * The timeline proper: a `slider` named "Timeline" whose value is the preview time (ms; value text m:ss.mmm, the time format of the whole page).
 * Pressing and dragging on it scrubs (pointer capture; the previews show keyframes meanwhile when rendered by
 * ffmpeg.wasm); hovering shows the time and a thumbnail under the pointer. Keys are handled page-wide
 * (useTimelineKeys.ts).
 */
export function TimelineScrubber({ source, view, widthPx, children }: Props) {
  const { info } = source;
  const timeMs = useStore((s) => s.previewTimeMs);
  const setScrubbing = useTimelineStore((s) => s.setScrubbing);
  const [hover, setHover] = useState<HoverPoint | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const element = event.currentTarget;
    element.setPointerCapture(event.pointerId);
    pausePreview();
    setScrubbing(true);
    const point = pointAt(element, event.clientX, view, info);
    setHover(point);
    seekPreview(point.ms);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    const point = pointAt(element, event.clientX, view, info);
    setHover(point);
    if (element.hasPointerCapture(event.pointerId)) seekPreview(point.ms);
  };
  const endScrub = (event: PointerEvent<HTMLDivElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    setScrubbing(false);
  };

  const playhead = fractionOf(view, timeMs);
  return (
    <>
      <div
        className="timeline__scrubber"
        role="slider"
        tabIndex={0}
        aria-label="Timeline"
        aria-orientation="horizontal"
        aria-valuemin={0}
        aria-valuemax={Math.round(info.durationMs)}
        aria-valuenow={timeMs}
        aria-valuetext={formatTime(timeMs)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endScrub}
        onPointerCancel={endScrub}
        onLostPointerCapture={() => setScrubbing(false)}
        onPointerLeave={(event) => {
          if (!event.currentTarget.hasPointerCapture(event.pointerId)) setHover(null);
        }}
      >
        {children}
        {playhead >= 0 && playhead <= 1 && <span className="timeline__playhead" style={{ left: `${playhead * 100}%` }} />}
      </div>
      {hover && <HoverTip source={source} point={hover} widthPx={widthPx} spanMs={view.spanMs} />}
    </>
  );
}
