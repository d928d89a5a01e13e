/**
 * The app's one zustand store, built from typed slices (zustand docs, "slices pattern"). Only the form's settings
 * are persisted (DESIGN.md convention 8): never files, images or jobs.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createJobsSlice, type JobsSlice } from './jobsSlice';
import { createSourceSlice, type SourceSlice } from './sourceSlice';
import { createSpecSlice, DEFAULT_SPEC_INPUT, type SpecSlice } from './specSlice';

export type StoreState = SourceSlice & SpecSlice & JobsSlice;

export const useStore = create<StoreState>()(
  persist(
    (...a) => ({ ...createSourceSlice(...a), ...createSpecSlice(...a), ...createJobsSlice(...a) }),
    {
      name: 'snapframe-settings',
      version: 1,
      partialize: (state) => ({
        specInput: { ...DEFAULT_SPEC_INPUT, width: state.specInput.width, height: state.specInput.height, quality: state.specInput.quality },
      }),
    },
  ),
);
