import type { StateCreator } from 'zustand';
import type { FieldProblem, OffsetsSpecInput } from '../core/spec';
import { formatTime } from '../core/time';
import type { StoreState } from './index';

/** The offsets form, as typed (raw strings; validated by core/spec.ts when a job is created). */
export interface SpecSlice {
  specInput: OffsetsSpecInput;
  /** Problems found the last time "Create snapshots" was pressed; cleared when the user edits. */
  specProblems: FieldProblem[];
  setSpecField: (field: keyof OffsetsSpecInput, value: string) => void;
  /** Appends a time (ms) to the offsets field, written as m:ss.mmm. */
  addOffset: (ms: number) => void;
  setSpecProblems: (problems: FieldProblem[]) => void;
}

export const DEFAULT_SPEC_INPUT: OffsetsSpecInput = {
  offsetsText: '',
  width: '',
  height: '',
  quality: '85',
  format: 'jpg',
  frameType: 'accurate',
};

export const createSpecSlice: StateCreator<StoreState, [], [], SpecSlice> = (set) => ({
  specInput: DEFAULT_SPEC_INPUT,
  specProblems: [],
  setSpecField: (field, value) =>
    set((state) => ({ specInput: { ...state.specInput, [field]: value }, specProblems: [] })),
  addOffset: (ms) =>
    set((state) => {
      const text = state.specInput.offsetsText.trim();
      const offsetsText = text === '' ? formatTime(ms) : `${text.replace(/[,\s]+$/, '')}, ${formatTime(ms)}`;
      return { specInput: { ...state.specInput, offsetsText }, specProblems: [] };
    }),
  setSpecProblems: (problems) => set({ specProblems: problems }),
});
