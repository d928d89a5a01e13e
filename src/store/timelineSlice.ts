/**
 * Playback state shared by the timeline and the previews: whether the preview plays, and
 * whether the user is scrubbing (dragging the playhead or a marker), when a preview rendered by ffmpeg.wasm shows
 * keyframes (fast) and the exact frame only once the pointer rests. Not persisted.
 *
 * Typed on its own state only, so that it fits the app's store (`...createTimelineSlice(...a)`) and a store of its
 * own alike (features/timeline/useTimelineStore.ts).
 */
import type { StateCreator } from 'zustand';

export interface TimelineSlice {
  /** True while the preview plays (the native player, or the engine preview's clock). */
  playing: boolean;
  /** True while the user drags the playhead or a marker. */
  scrubbing: boolean;
  setPlaying: (playing: boolean) => void;
  setScrubbing: (scrubbing: boolean) => void;
}

export const createTimelineSlice: StateCreator<TimelineSlice> = (set) => ({
  playing: false,
  scrubbing: false,
  setPlaying: (playing) => set({ playing }),
  setScrubbing: (scrubbing) => set({ scrubbing }),
});
