/**
 * The app's one zustand store, built from typed slices (zustand docs, "slices pattern"). Only the form's settings
 * are persisted here (docs/ARCHITECTURE.md convention 8): never files, images or jobs. Jobs and their outputs are saved in
 * IndexedDB by store/persistJobs.ts and loaded back when the page starts (below).
 */
import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createJobsSlice, type JobsSlice } from './jobsSlice';
import { createPresetsSlice, restoreUserPresets, type PresetsSlice } from './presetsSlice';
import { createSourceSlice, type SourceSlice } from './sourceSlice';
import { DEFAULT_SPEC_INPUT } from '../core/job/spec';
import { DEFAULT_OFFSETS_PLAN } from '../core/timeline/offsetNotes';
import { createSettingsSlice, restoreJobWorkers, type SettingsSlice } from './settingsSlice';
import { createSpecSlice, type SpecSlice } from './specSlice';
import { createTimelineSlice, type TimelineSlice } from './timelineSlice';
import { createShotsSlice, type ShotsSlice } from './shotsSlice';

export type StoreState = SourceSlice & SpecSlice & JobsSlice & PresetsSlice & TimelineSlice & SettingsSlice & ShotsSlice;

/**
 * localStorage that skips writes of an unchanged value: persist serialises on every store update (each job
 * progress step), but the persisted settings rarely change.
 */
function unchangedWritesSkipped(): StateStorage {
  const last = new Map<string, string>();
  return {
    getItem: (name) => localStorage.getItem(name),
    setItem: (name, value) => {
      if (last.get(name) === value) return;
      last.set(name, value);
      localStorage.setItem(name, value);
    },
    removeItem: (name) => {
      last.delete(name);
      localStorage.removeItem(name);
    },
  };
}

export const useStore = create<StoreState>()(
  persist(
    (...a) => ({
      ...createSourceSlice(...a),
      ...createSpecSlice(...a),
      ...createJobsSlice(...a),
      ...createPresetsSlice(...a),
      ...createTimelineSlice(...a),
      ...createSettingsSlice(...a),
      ...createShotsSlice(...a),
    }),
    {
      name: 'snapframe-settings',
      storage: createJSONStorage(unchangedWritesSkipped),
      version: 2,
      // The form's settings, not the times (they belong to one video). Older versions are dropped.
      // The user's presets too (store/presetsSlice.ts); merge keeps only well-formed ones.
      // The "Job workers" setting too (store/settingsSlice.ts).
      partialize: (state) => ({
        specInput: { ...state.specInput, offsetsText: '' },
        userPresets: state.userPresets,
        jobWorkers: state.jobWorkers,
        moreOptionsOpen: state.moreOptionsOpen,
      }),
      migrate: () => ({ specInput: { ...DEFAULT_SPEC_INPUT, offsetsText: DEFAULT_OFFSETS_PLAN } }),
      merge: (persisted, current) => {
        const stored = persisted as
          | { specInput?: Partial<typeof DEFAULT_SPEC_INPUT>; userPresets?: unknown; jobWorkers?: unknown; moreOptionsOpen?: unknown }
          | undefined;
        const saved = stored?.specInput;
        return {
          ...current,
          // The times are not saved: a new visit starts from the default plan again.
          specInput: { ...DEFAULT_SPEC_INPUT, ...saved, offsetsText: DEFAULT_OFFSETS_PLAN },
          offsetsPlanned: true,
          userPresets: restoreUserPresets(stored?.userPresets),
          jobWorkers: restoreJobWorkers(stored?.jobWorkers),
          moreOptionsOpen: stored?.moreOptionsOpen === true,
        };
      },
    },
  ),
);

// Jobs saved by an earlier visit (store/persistJobs.ts); a no-op where IndexedDB is missing.
if (typeof indexedDB !== 'undefined') void useStore.getState().restoreJobs();
