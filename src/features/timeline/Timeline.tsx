import type { VideoInput } from '../../engine/api';
import { useEffect, useMemo, useState } from 'react';
import { frameDurationMs } from '../../core/timeline/frameClock';
import { offsetTokens } from '../../core/timeline/offsetTokens';
import { stripSlots } from '../../core/timeline/timelineView';
import type { SourceInfo } from '../../core/job/types';
import { useStore } from '../../store';
import { useJobPlan } from '../spec/useJobPlan';
import { Filmstrip, PlannedTimeTicks } from './Filmstrip';
import { useShotPlan } from '../spec/useShotPlan';
import { MarkerLayer, type Marker } from './MarkerLayer';
import { pausePreview } from './playback';
import { TimelineLegend } from './TimelineLegend';
import { TimelineScrubber } from './TimelineScrubber';
import { TimelineToolbar } from './TimelineToolbar';
import { useElementWidth } from './useElementWidth';
import { useTimelineKeys } from './useTimelineKeys';
import { useTimelineView } from './useTimelineView';
import { ZoomOverview } from './ZoomOverview';
import './timeline.css';

/** Wanted width of one filmstrip thumbnail, px. */
const SLOT_PX = 80;
const NO_TICKS: readonly number[] = [];

/**
 * The timeline under the preview, for the current video once probed: a filmstrip, the
 * playhead, a hover tooltip, markers for the offsets (mode Offsets) or ticks at the planned times (Interval,
 * Sprite), zoom, and the page-wide keyboard shortcuts. Renders nothing without a probed video.
 */
export function Timeline() {
  const source = useStore((s) => s.source);
  if (source?.status !== 'ready' || !source.info) return null;
  return <TimelineBody key={source.id} id={source.id} file={source.file} info={source.info} />;
}

function TimelineBody({ id, file, info }: { id: number; file: VideoInput; info: SourceInfo }) {
  const { durationMs } = info;
  const [trackRef, widthPx] = useElementWidth<HTMLDivElement>();
  const zoom = useTimelineView(trackRef, durationMs, frameDurationMs(info.frameRate), widthPx);
  const { view } = zoom;
  const mode = useStore((s) => s.specInput.mode);
  const offsetsText = useStore((s) => s.specInput.offsetsText);
  const plan = useJobPlan();
  const [selected, setSelected] = useState<number | null>(null);

  const source = useMemo(() => ({ id, file, info }), [id, file, info]);
  const markers = useMemo<Marker[]>(() => {
    if (mode !== 'offsets') return [];
    const limit = Math.round(durationMs);
    return offsetTokens(offsetsText, durationMs).flatMap((token, index) =>
      token.ms !== null && token.ms <= limit ? [{ index, ms: token.ms }] : [],
    );
  }, [mode, offsetsText, durationMs]);
  const slots = useMemo(() => stripSlots(view, durationMs, widthPx, SLOT_PX), [view, durationMs, widthPx]);
  const shotPlan = useShotPlan();
  const ticks = mode === 'offsets' ? NO_TICKS : mode === 'shots' ? (shotPlan?.cutsMs ?? NO_TICKS) : (plan?.plannedTimesMs ?? NO_TICKS);
  const selectedIndex = markers.some((m) => m.index === selected) ? selected : null;

  useTimelineKeys({ info, selected: selectedIndex, setSelected, marking: mode === 'offsets' });
  // Another video, or none: stop the engine preview's clock.
  useEffect(() => () => pausePreview(), []);

  return (
    <div className="timeline">
      <div className="timeline__track" ref={trackRef}>
        <MarkerLayer markers={markers} view={view} widthPx={widthPx} info={info} selected={selectedIndex} onSelect={setSelected} />
        <TimelineScrubber source={source} view={view} widthPx={widthPx}>
          {widthPx > 0 && <Filmstrip source={source} slots={slots} />}
          <PlannedTimeTicks
            timesMs={ticks}
            startMs={view.startMs}
            spanMs={view.spanMs}
            widthPx={widthPx}
            kind={mode === 'shots' ? 'cut' : 'planned'}
          />
        </TimelineScrubber>
      </div>
      <ZoomOverview view={view} durationMs={durationMs} panTo={zoom.panTo} />
      <TimelineToolbar info={info} zoom={zoom} />
      <TimelineLegend mode={mode} />
    </div>
  );
}
