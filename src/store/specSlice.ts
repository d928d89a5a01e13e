import type { StateCreator } from 'zustand';
import { DEFAULT_SPEC_INPUT, type FieldProblem, type SpecInput } from '../core/job/spec';
import { formatTime } from '../core/timeline/time';
import type { StoreState } from './index';

/** Form fields whose value is a boolean (checkboxes); the others are strings or enums. */
export type BooleanField = 'resolutionAdaptive' | 'keepCells' | 'webvtt';

/** The job form, as typed (raw values; validated by core/job/spec.ts when a job is created). */
export interface SpecSlice {
  specInput: SpecInput;
  /** Problems found the last time "Create snapshots" was pressed; cleared when the user edits. */
  specProblems: FieldProblem[];
  setSpecField: <K extends keyof SpecInput>(field: K, value: SpecInput[K]) => void;
  /** Replaces the whole form (a preset being applied). */
  replaceSpecInput: (input: SpecInput) => void;
  /** Appends a time (ms) to the offsets field, written as m:ss.mmm. */
  addOffset: (ms: number) => void;
  setSpecProblems: (problems: FieldProblem[]) => void;
}

export const createSpecSlice: StateCreator<StoreState, [], [], SpecSlice> = (set) => ({
  specInput: DEFAULT_SPEC_INPUT,
  specProblems: [],
  setSpecField: (field, value) => set((state) => ({ specInput: { ...state.specInput, [field]: value }, specProblems: [] })),
  replaceSpecInput: (input) => set({ specInput: input, specProblems: [] }),
  addOffset: (ms) =>
    set((state) => {
      const text = state.specInput.offsetsText.trim();
      const offsetsText = text === '' ? formatTime(ms) : `${text.replace(/[,\s]+$/, '')}, ${formatTime(ms)}`;
      return { specInput: { ...state.specInput, offsetsText }, specProblems: [] };
    }),
  setSpecProblems: (problems) => set({ specProblems: problems }),
});
