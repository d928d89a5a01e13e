import { displayedFrame } from '../../core/timeline/frameClock';
import { formatTime } from '../../core/timeline/time';
import type { SourceInfo } from '../../core/job/types';
import { useStore } from '../../store';
import { togglePlay } from './playback';
import { ZOOM_STEP, type TimelineZoom } from './useTimelineView';
import { useTimelineStore } from './useTimelineStore';

/** A zoom level for display: `1×`, `2×`, `2.8×`, `64×`. */
function formatZoom(level: number): string {
  return `${level < 10 ? Number(level.toFixed(1)) : Math.round(level)}×`;
}

/** The current time (m:ss.mmm, as the Time offsets field writes it) and frame number (from 0, core/timeline/frameClock.ts `displayedFrame`), as named read-outs. */
function Readouts({ info }: { info: SourceInfo }) {
  const timeMs = useStore((s) => s.previewTimeMs);
  return (
    <>
      <span className="timeline__readout">
        <output aria-label="Current time" aria-live="off">
          {formatTime(timeMs)}
        </output>
        <span className="timeline__muted" aria-hidden="true">
          {' / '}
          {formatTime(info.durationMs)}
        </span>
      </span>
      <span className="timeline__readout">
        <span className="timeline__muted" aria-hidden="true">
          Frame{' '}
        </span>
        <output aria-label="Current frame" aria-live="off">
          {displayedFrame(timeMs, info.frameRate, info.frameCount)}
        </output>
      </span>
    </>
  );
}

/** Above the timeline: Play/Pause, the read-outs, and "Zoom out" / zoom level / "Zoom in". */
export function TimelineToolbar({ info, zoom }: { info: SourceInfo; zoom: TimelineZoom }) {
  const playing = useTimelineStore((s) => s.playing);
  return (
    <div className="timeline__bar">
      <button
        type="button"
        className="button button--small timeline__play"
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        onClick={() => togglePlay(info.durationMs)}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <Readouts info={info} />
      <span className="timeline__zoom">
        <button
          type="button"
          className="button button--small"
          aria-label="Zoom out"
          title="Zoom out (Ctrl+wheel)"
          disabled={!zoom.canZoomOut}
          onClick={() => zoom.zoomBy(1 / ZOOM_STEP)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <output aria-label="Zoom level" aria-live="off">
          {formatZoom(zoom.level)}
        </output>
        <button
          type="button"
          className="button button--small"
          aria-label="Zoom in"
          title="Zoom in (Ctrl+wheel)"
          disabled={!zoom.canZoomIn}
          onClick={() => zoom.zoomBy(ZOOM_STEP)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </span>
    </div>
  );
}
