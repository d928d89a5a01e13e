import { memo, useMemo } from 'react';
import { marksToDraw } from '../../core/timeline/markerDensity';
import { coarseToFine, type StripSlot } from '../../core/timeline/timelineView';
import { useFilmstrip, type ThumbSource } from './useThumbnails';

/**
 * Thumbnails along the timeline, one per slot (core/timeline/timelineView.ts `stripSlots`), filled in as the preview engine
 * makes them (keyframes, one at a time, coarse to fine, cached). Decorative: the slider carries the meaning. Each image's
 * `data-ms` is the time of the keyframe it shows, ms.
 */
export const Filmstrip = memo(function Filmstrip({ source, slots }: { source: ThumbSource; slots: readonly StripSlot[] }) {
  const order = useMemo(() => coarseToFine(slots.length).map((i) => slots[i]?.timeMs ?? 0), [slots]);
  const thumbs = useFilmstrip(source, order);
  return (
    <div className="timeline__strip" aria-hidden="true">
      {slots.map((slot) => {
        const thumb = thumbs.get(slot.timeMs);
        return (
          <span key={slot.timeMs} className="timeline__thumb" style={{ left: `${slot.left * 100}%`, width: `${slot.width * 100}%` }}>
            {thumb && <img src={thumb.url} alt="" data-ms={thumb.actualMs} draggable={false} />}
          </span>
        );
      })}
    </div>
  );
});

/**
 * Ticks at the planned times of modes Interval and Sprite, or at the cuts of mode Shots (`kind` cut), ms, where they
 * fall in the window, one per few px.
 */
export const PlannedTimeTicks = memo(function PlannedTimeTicks({
  timesMs,
  startMs,
  spanMs,
  widthPx,
  kind = 'planned',
}: {
  timesMs: readonly number[];
  startMs: number;
  spanMs: number;
  widthPx: number;
  kind?: 'planned' | 'cut';
}) {
  const visible = useMemo(
    () =>
      marksToDraw(
        timesMs.map((ms) => ({ ms })),
        { startMs, spanMs },
        widthPx,
      ).drawn,
    [timesMs, startMs, spanMs, widthPx],
  );
  return (
    <div className="timeline__ticks" aria-hidden="true">
      {visible.map(({ ms }, i) => (
        <span
          key={`${i}-${ms}`}
          className={kind === 'cut' ? 'timeline__tick timeline__tick--cut' : 'timeline__tick'}
          data-ms={ms}
          style={{ left: `${((ms - startMs) / spanMs) * 100}%` }}
        />
      ))}
    </div>
  );
});
