import { useMemo, useRef, type PointerEvent } from 'react';
import { marksToDraw } from '../../core/timeline/markerDensity';
import { moveToken } from '../../core/timeline/offsetTokens';
import { formatTime } from '../../core/timeline/time';
import { fractionOf, type TimelineView } from '../../core/timeline/timelineView';
import type { SourceInfo } from '../../core/job/types';
import { useStore } from '../../store';
import { pausePreview, seekPreview } from './playback';
import { pointAt } from './pointer';
import { useTimelineStore } from './useTimelineStore';

/** A marker: a valid token of the offsets text (core/timeline/offsetTokens.ts), by its index in the token list. */
export interface Marker {
  index: number;
  ms: number;
}

/** How far the pointer must move before a press on a marker becomes a drag, px. */
const DRAG_THRESHOLD_PX = 3;

interface Props {
  markers: readonly Marker[];
  view: TimelineView;
  /** The track's width, px: markers closer than core/markerDensity's gap are drawn as one. */
  widthPx: number;
  info: SourceInfo;
  selected: number | null;
  onSelect: (index: number | null) => void;
}

/**
 * The markers of mode Offsets over the timeline: buttons named "Marker at m:ss.mmm" (aria-pressed when selected).
 * A click selects (or unselects) one and shows its frame; a drag moves it, rewriting its token in "Time offsets" as
 * m:ss.mmm on every move (snapped to frame starts, within the visible window) while the preview follows.
 * Markers closer than a few px are drawn as one (the first of them; zoom in to reach the others).
 */
export function MarkerLayer({ markers, view, widthPx, info, selected, onSelect }: Props) {
  const drawn = useMemo(() => marksToDraw(markers, view, widthPx, (m) => m.index === selected).drawn, [markers, view, widthPx, selected]);
  const drag = useRef<{ index: number; pointerId: number; x: number; moved: boolean } | null>(null);
  /** Set when a drag ends, so that the click that follows it does not toggle the selection. */
  const dragged = useRef(false);
  const setScrubbing = useTimelineStore((s) => s.setScrubbing);

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>, marker: Marker) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { index: marker.index, pointerId: event.pointerId, x: event.clientX, moved: false };
    dragged.current = false;
  };
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    const state = drag.current;
    const layer = event.currentTarget.parentElement;
    if (!state || state.pointerId !== event.pointerId || !layer) return;
    if (!state.moved) {
      if (Math.abs(event.clientX - state.x) < DRAG_THRESHOLD_PX) return;
      state.moved = true;
      pausePreview();
      setScrubbing(true);
      onSelect(state.index);
    }
    const { ms } = pointAt(layer, event.clientX, view, info);
    const { specInput, setSpecField } = useStore.getState();
    setSpecField('offsetsText', moveToken(specInput.offsetsText, state.index, ms));
    seekPreview(ms);
  };
  const onPointerEnd = (event: PointerEvent<HTMLButtonElement>) => {
    const state = drag.current;
    if (!state || state.pointerId !== event.pointerId) return;
    drag.current = null;
    if (state.moved) {
      dragged.current = true;
      setScrubbing(false);
    }
  };

  return (
    <div className="timeline__markers">
      {drawn.map((marker) => {
        const at = fractionOf(view, marker.ms);
        const isSelected = marker.index === selected;
        return (
          <button
            key={marker.index}
            type="button"
            className="timeline__marker"
            style={{ left: `${at * 100}%` }}
            aria-label={`Marker at ${formatTime(marker.ms)}`}
            aria-pressed={isSelected}
            title={`${formatTime(marker.ms)}: drag to move, Delete to remove`}
            onPointerDown={(event) => onPointerDown(event, marker)}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerEnd}
            onPointerCancel={onPointerEnd}
            onClick={() => {
              if (dragged.current) {
                dragged.current = false;
                return;
              }
              onSelect(isSelected ? null : marker.index);
              if (!isSelected) {
                pausePreview();
                seekPreview(marker.ms);
              }
            }}
          />
        );
      })}
    </div>
  );
}
