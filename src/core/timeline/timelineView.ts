/**
 * The part of the video the timeline shows: a window [startMs, startMs + spanMs] of
 * [0, durationMs], zoomed around an anchor, kept around the playhead, and the filmstrip slots laid over it.
 * Pure: positions are fractions of the timeline's width (0 = left edge, 1 = right edge).
 */

/** The visible window, ms. Invariant: 0 ≤ startMs, spanMs > 0, startMs + spanMs ≤ durationMs (when spanMs ≤ it). */
export interface TimelineView {
  startMs: number;
  spanMs: number;
}

/** Narrowest a frame may be drawn at the deepest zoom, px: wide enough to point at and to drag a marker onto. */
export const MIN_FRAME_PX = 24;

/** The whole video. @param durationMs > 0 (a 0 or NaN duration gives a 1 ms window). */
export function fullView(durationMs: number): TimelineView {
  return { startMs: 0, spanMs: Math.max(1, Number.isFinite(durationMs) ? durationMs : 1) };
}

/**
 * The narrowest window, ms: one in which a frame is {@link MIN_FRAME_PX} px wide, but never wider than the video.
 * @param frameMs one frame's duration, ms.
 * @param widthPx the timeline's width, px.
 */
export function minSpanMs(durationMs: number, frameMs: number, widthPx: number): number {
  return Math.min(fullView(durationMs).spanMs, Math.max(1, (frameMs * Math.max(1, widthPx)) / MIN_FRAME_PX));
}

/** `view` moved (not resized) to lie within [0, durationMs]. */
export function clampView(view: TimelineView, durationMs: number): TimelineView {
  const full = fullView(durationMs).spanMs;
  const spanMs = Math.min(full, Math.max(1, view.spanMs));
  return { startMs: Math.min(Math.max(0, view.startMs), full - spanMs), spanMs };
}

/**
 * Zooms by `factor` keeping `anchorMs` at the same place on screen (the pointer for Ctrl+wheel, the playhead for
 * the buttons); an anchor outside the window is centred instead.
 * @param factor > 1 zooms in (a narrower window), < 1 out.
 * @param minSpan the narrowest allowed window, ms ({@link minSpanMs}).
 */
export function zoomView(view: TimelineView, factor: number, anchorMs: number, durationMs: number, minSpan: number): TimelineView {
  const full = fullView(durationMs).spanMs;
  const spanMs = Math.min(full, Math.max(Math.min(minSpan, full), view.spanMs / factor));
  const inside = anchorMs >= view.startMs && anchorMs <= view.startMs + view.spanMs;
  const fraction = inside ? (anchorMs - view.startMs) / view.spanMs : 0.5;
  return clampView({ startMs: anchorMs - fraction * spanMs, spanMs }, durationMs);
}

/** Zoom level: how many windows fit in the video, ≥ 1 (1 = the whole video). */
export function zoomLevel(view: TimelineView, durationMs: number): number {
  return fullView(durationMs).spanMs / view.spanMs;
}

/**
 * The window after the playhead moved: unchanged while the playhead is inside; else turned like a page, so that the
 * playhead lands 10 % in from the edge it crossed (playing or stepping forward then sees most of what comes next).
 */
export function followPlayhead(view: TimelineView, playheadMs: number, durationMs: number): TimelineView {
  const end = view.startMs + view.spanMs;
  if (playheadMs >= view.startMs && playheadMs <= end) return view;
  const startMs = playheadMs > end ? playheadMs - 0.1 * view.spanMs : playheadMs - 0.9 * view.spanMs;
  return clampView({ startMs, spanMs: view.spanMs }, durationMs);
}

/** Where a time sits, as a fraction of the width (outside [0, 1] when outside the window). */
export function fractionOf(view: TimelineView, ms: number): number {
  return (ms - view.startMs) / view.spanMs;
}

/** The time at a fraction of the width, clamped to the window. @returns ms, not rounded. */
export function timeAt(view: TimelineView, fraction: number): number {
  return view.startMs + Math.min(1, Math.max(0, fraction)) * view.spanMs;
}

/** One thumbnail of the filmstrip: the time it shows and where it sits, fractions of the width. */
export interface StripSlot {
  /** Integer ms: the start of the slot. */
  timeMs: number;
  left: number;
  width: number;
}

/**
 * The filmstrip over a window: about one slot per `slotPx` px, on a grid of whole-ms slot times that does not move
 * when the window pans at the same zoom (so thumbnails already made are reused).
 * @param widthPx the timeline's width, px.
 * @param slotPx the wanted width of one thumbnail, px (e.g. 80).
 * @returns the slots that overlap the window, left to right, within [0, durationMs).
 */
export function stripSlots(view: TimelineView, durationMs: number, widthPx: number, slotPx: number): StripSlot[] {
  const count = Math.max(1, Math.round(Math.max(1, widthPx) / slotPx));
  const stepMs = Math.max(1, Math.round(view.spanMs / count));
  const slots: StripSlot[] = [];
  const first = Math.floor(view.startMs / stepMs);
  for (let k = first; k * stepMs < Math.min(durationMs, view.startMs + view.spanMs); k += 1) {
    const timeMs = k * stepMs;
    slots.push({ timeMs, left: fractionOf(view, timeMs), width: stepMs / view.spanMs });
  }
  return slots;
}

/**
 * Indices 0..n−1 in coarse-to-fine order (0, then the middle, then the quarters, …), so that a filmstrip filled one
 * thumbnail at a time covers the whole timeline early instead of growing from the left.
 * @returns a permutation of 0..n−1 (empty for n ≤ 0).
 */
export function coarseToFine(n: number): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  for (let step = 2 ** Math.ceil(Math.log2(Math.max(1, n))); step >= 1; step /= 2) {
    for (let i = 0; i < n; i += step) {
      if (!seen.has(i)) {
        seen.add(i);
        order.push(i);
      }
    }
  }
  return order;
}
