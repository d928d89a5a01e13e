import type { StateCreator } from 'zustand';
import { toSnapframeError } from '../core/job/errors';
import type { ShotFrames } from '../core/analysis/shots';
import { detectCuts } from '../engine/api';
import type { StoreState } from './index';

/** The form's cut pass for mode Shots: per video, its frames' numbers (the threshold applies afterwards). */
export interface ShotsSlice {
  /** The current pass: `finding` with ranges done/total, `ready` with the frames, or `error` with the sentence. */
  cutPass:
    | { sourceId: number; status: 'finding'; done: number; total: number }
    | { sourceId: number; status: 'ready'; frames: ShotFrames }
    | { sourceId: number; status: 'error'; message: string }
    | null;
  /** Finds the cuts of the current video on the preview engine (once per video; the job reuses the pass). */
  findCuts: () => Promise<void>;
}

/** Stops the pass of a video that is no longer current when another video's pass starts. */
let running: AbortController | null = null;

export const createShotsSlice: StateCreator<StoreState, [], [], ShotsSlice> = (set, get) => ({
  cutPass: null,
  findCuts: async () => {
    const source = get().source;
    if (!source?.info || (get().cutPass?.sourceId === source.id && get().cutPass?.status !== 'error')) return;
    const sourceId = source.id;
    running?.abort();
    const controller = new AbortController();
    running = controller;
    set({ cutPass: { sourceId, status: 'finding', done: 0, total: 1 } });
    const still = () => get().cutPass?.sourceId === sourceId;
    try {
      const { frames } = await detectCuts(source.file, source.info, 0, {
        signal: controller.signal,
        onProgress: (done, total) => {
          if (still()) set({ cutPass: { sourceId, status: 'finding', done, total } });
        },
      });
      if (still()) set({ cutPass: { sourceId, status: 'ready', frames } });
      if (running === controller) running = null;
    } catch (raw) {
      const error = toSnapframeError(raw);
      if (error.code === 'Cancelled') return;
      if (still())
        set({ cutPass: { sourceId, status: 'error', message: `Cuts could not be found in ${source.file.name}: ${error.message}` } });
    }
  },
});
