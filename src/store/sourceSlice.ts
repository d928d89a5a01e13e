import type { StateCreator } from 'zustand';
import { toSnapframeError, type SerializedError } from '../core/errors';
import type { SourceInfo } from '../core/types';
import { probeSource } from '../engine/api';
import type { StoreState } from './index';

/** The video the user is working on. */
export interface Source {
  /** Increases with every file opened; late probe answers for an older file are ignored. */
  id: number;
  file: File;
  status: 'probing' | 'ready' | 'error';
  info: SourceInfo | null;
  error: SerializedError | null;
}

export interface SourceSlice {
  source: Source | null;
  /** Time shown by the preview, ms from the start of the presentation (what "Add current time" adds). */
  previewTimeMs: number;
  /** Opens and probes a file. Never throws: a bad file ends as `status: 'error'` with a message. */
  openFile: (file: File) => Promise<void>;
  setPreviewTime: (ms: number) => void;
}

let nextSourceId = 1;

export const createSourceSlice: StateCreator<StoreState, [], [], SourceSlice> = (set, get) => ({
  source: null,
  previewTimeMs: 0,
  openFile: async (file) => {
    const id = nextSourceId++;
    set({ source: { id, file, status: 'probing', info: null, error: null }, previewTimeMs: 0 });
    try {
      const info = await probeSource(file);
      if (get().source?.id === id) set({ source: { id, file, status: 'ready', info, error: null } });
    } catch (raw) {
      const error = toSnapframeError(raw).toJSON();
      if (get().source?.id === id) set({ source: { id, file, status: 'error', info: null, error } });
    }
  },
  setPreviewTime: (ms) => set({ previewTimeMs: Math.max(0, Math.round(ms)) }),
});
