import { formatTime } from '../../core/timeline/time';
import type { HoverPoint } from './pointer';
import { useHoverThumb, type ThumbSource } from './useThumbnails';

/** Width of the tooltip, px (the thumbnail's width plus padding), to keep it within the timeline. */
const TIP_PX = 104;
/** Pointer positions closer than this share a thumbnail, px (thumbnails are keyframes: nearby ones are alike). */
const THUMB_STEP_PX = 8;

/**
 * The tooltip over the timeline while the pointer is on it: the time under the pointer (m:ss.mmm) and a keyframe
 * thumbnail of that moment (to within {@link THUMB_STEP_PX} px of the pointer), made on demand (the latest hover
 * wins; the previous thumbnail stays until the new one is there). Pointer-only help: hidden from screen readers,
 * which get the slider's value instead.
 */
export function HoverTip({ source, point, widthPx, spanMs }: { source: ThumbSource; point: HoverPoint; widthPx: number; spanMs: number }) {
  const stepMs = Math.max(1, Math.round((spanMs * THUMB_STEP_PX) / Math.max(1, widthPx)));
  const thumb = useHoverThumb(source, Math.floor(point.ms / stepMs) * stepMs);
  const x = Math.min(Math.max(point.fraction * widthPx, TIP_PX / 2), Math.max(TIP_PX / 2, widthPx - TIP_PX / 2));
  const { width, height } = source.info;
  return (
    <div className="timeline__tip" style={{ left: `${x}px`, width: `${TIP_PX}px` }} aria-hidden="true">
      <div className="timeline__tip-image" style={{ aspectRatio: `${width} / ${height}` }}>
        {thumb && <img src={thumb.url} alt="" />}
      </div>
      <span className="timeline__tip-time">{formatTime(point.ms)}</span>
    </div>
  );
}
