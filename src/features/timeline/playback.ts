/**
 * Driving the preview from the timeline: seek, play and pause, for both previews.
 * - The browser's player registers its `<video>` with {@link attachPreviewVideo}; seeking sets its `currentTime`,
 *   and while it plays its time is copied to the store on every animation frame (smoother than `timeupdate`).
 * - Without one (a file only ffmpeg.wasm decodes), playing runs a clock that advances the store's preview time in
 *   real time; the engine preview then renders keyframes as fast as it can (features/timeline/useEngineFrame.ts).
 * The store's `previewTimeMs` stays the one current time; `playing` lives in store/timelineSlice.ts.
 */
import { useStore } from '../../store';
import { useTimelineStore } from './useTimelineStore';

let video: HTMLVideoElement | null = null;
let frameRequest = 0;
/** The engine clock: the preview time (ms) at `since` (performance.now(), ms), and where it stops. */
let clock: { baseMs: number; since: number; endMs: number } | null = null;

const setPlaying = (playing: boolean) => useTimelineStore.getState().setPlaying(playing);
const setPreviewTime = (ms: number) => useStore.getState().setPreviewTime(ms);

function tick(): void {
  if (video && !video.paused) {
    setPreviewTime(video.currentTime * 1000);
  } else if (clock) {
    const ms = clock.baseMs + (performance.now() - clock.since);
    if (ms >= clock.endMs) {
      setPreviewTime(clock.endMs);
      pausePreview();
      return;
    }
    setPreviewTime(ms);
  } else {
    return;
  }
  frameRequest = requestAnimationFrame(tick);
}

function startTicking(): void {
  cancelAnimationFrame(frameRequest);
  frameRequest = requestAnimationFrame(tick);
}

/**
 * Registers the preview's `<video>` so that the timeline can drive it; use it in the element's ref callback.
 * @returns the function that unregisters it (React 19 calls it when the element goes).
 */
export function attachPreviewVideo(element: HTMLVideoElement): () => void {
  pausePreview();
  video = element;
  const onPlay = () => {
    setPlaying(true);
    startTicking();
  };
  const onPause = () => {
    setPlaying(false);
    setPreviewTime(element.currentTime * 1000);
  };
  element.addEventListener('play', onPlay);
  element.addEventListener('pause', onPause);
  return () => {
    element.removeEventListener('play', onPlay);
    element.removeEventListener('pause', onPause);
    if (video === element) {
      video = null;
      setPlaying(false);
    }
  };
}

/** The time the preview shows now, ms: the player's own position when there is one (exact while it plays). */
export function currentPreviewMs(): number {
  return video ? Math.round(video.currentTime * 1000) : useStore.getState().previewTimeMs;
}

/**
 * Shows the frame at `ms`: the store's preview time, and the native player's position when there is one. While the
 * engine clock runs, it goes on from there.
 * @param ms time, ms from the start of the presentation (rounded to the nearest ms, at least 0).
 */
export function seekPreview(ms: number): void {
  const target = Math.max(0, Math.round(ms));
  setPreviewTime(target);
  if (video && Math.abs(video.currentTime * 1000 - target) >= 0.5) video.currentTime = target / 1000;
  if (clock) clock = { ...clock, baseMs: target, since: performance.now() };
}

/**
 * Plays the preview from the current time (from 0 when at the end).
 * @param durationMs the video's duration, ms: where the engine clock stops.
 */
export function playPreview(durationMs: number): void {
  if (video) {
    if (video.ended) video.currentTime = 0;
    void video.play().catch(() => setPlaying(false));
    return;
  }
  const now = useStore.getState().previewTimeMs;
  const endMs = Math.max(0, Math.round(durationMs));
  clock = { baseMs: now >= endMs ? 0 : now, since: performance.now(), endMs };
  setPlaying(true);
  startTicking();
}

/** Pauses whichever preview plays. */
export function pausePreview(): void {
  video?.pause();
  if (clock) {
    clock = null;
    cancelAnimationFrame(frameRequest);
  }
  if (!video) setPlaying(false);
}

/** Plays or pauses (Space). @param durationMs the video's duration, ms. */
export function togglePlay(durationMs: number): void {
  if (useTimelineStore.getState().playing) pausePreview();
  else playPreview(durationMs);
}
