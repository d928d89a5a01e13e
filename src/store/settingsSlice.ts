/**
 * Engine settings of the page (persisted with the form's settings, store/index.ts): how many job workers a job runs
 * on (README "Job workers"). Typed on its own state only, like the timeline slice.
 */
import type { StateCreator } from 'zustand';
import { clampWorkers } from '../core/decode/workerCount';

export interface SettingsSlice {
  /** Job workers per job, 1–8, or null for automatic (from the machine's cores, engine/api `defaultJobWorkerCount`). */
  jobWorkers: number | null;
  setJobWorkers: (workers: number | null) => void;
  /** Whether the form's "More options" are shown; remembered, so that who uses them finds them open next time. */
  moreOptionsOpen: boolean;
  setMoreOptionsOpen: (open: boolean) => void;
}

export const createSettingsSlice: StateCreator<SettingsSlice> = (set) => ({
  jobWorkers: null,
  setJobWorkers: (workers) => set({ jobWorkers: workers === null ? null : clampWorkers(workers) }),
  moreOptionsOpen: false,
  setMoreOptionsOpen: (open) => set({ moreOptionsOpen: open }),
});

/** A persisted value back as a setting: an integer 1–8, else automatic (null). */
export function restoreJobWorkers(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? clampWorkers(value) : null;
}
