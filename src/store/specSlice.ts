import type { StateCreator } from 'zustand';
import { DEFAULT_SPEC_INPUT, type FieldProblem, type SpecInput } from '../core/job/spec';
import { formatTime } from '../core/timeline/time';
import { DEFAULT_OFFSETS_PLAN } from '../core/timeline/offsetNotes';
import type { StoreState } from './index';

/** Form fields whose value is a boolean (checkboxes); the others are strings or enums. */
export type BooleanField = 'resolutionAdaptive' | 'keepCells' | 'webvtt';

/** The job form, as typed (raw values; validated by core/job/spec.ts when a job is created). */
export interface SpecSlice {
  specInput: SpecInput;
  /** Problems found the last time "Create snapshots" was pressed; cleared when the user edits. */
  specProblems: FieldProblem[];
  /**
   * True while "Time offsets" still holds the default plan (core/timeline/offsetNotes.ts `DEFAULT_OFFSETS_PLAN`) that
   * the page wrote: the first time the user adds a time of their own (Add current time, M), it replaces the plan.
   */
  offsetsPlanned: boolean;
  setSpecField: <K extends keyof SpecInput>(field: K, value: SpecInput[K]) => void;
  /** Replaces the whole form (a preset being applied). */
  replaceSpecInput: (input: SpecInput) => void;
  /** Appends a time (ms) to the offsets field, written as m:ss.mmm (replacing the default plan while it is there). */
  addOffset: (ms: number) => void;
  /**
   * Rewrites the offsets text with `edit`. With `replacePlan` (a time being added), `edit` gets '' instead of the
   * default plan while it is there.
   */
  editOffsets: (edit: (text: string) => string, replacePlan?: boolean) => void;
  setSpecProblems: (problems: FieldProblem[]) => void;
}

export const createSpecSlice: StateCreator<StoreState, [], [], SpecSlice> = (set) => ({
  specInput: { ...DEFAULT_SPEC_INPUT, offsetsText: DEFAULT_OFFSETS_PLAN },
  specProblems: [],
  offsetsPlanned: true,
  setSpecField: (field, value) =>
    set((state) => ({
      specInput: { ...state.specInput, [field]: value },
      specProblems: [],
      offsetsPlanned: field === 'offsetsText' ? false : state.offsetsPlanned,
    })),
  replaceSpecInput: (input) =>
    set((state) => ({
      specInput: input,
      specProblems: [],
      offsetsPlanned: state.offsetsPlanned && input.offsetsText === state.specInput.offsetsText,
    })),
  addOffset: (ms) =>
    set((state) => {
      const text = state.offsetsPlanned ? '' : state.specInput.offsetsText.trim();
      const offsetsText = text === '' ? formatTime(ms) : `${text.replace(/[,\s]+$/, '')}, ${formatTime(ms)}`;
      return { specInput: { ...state.specInput, offsetsText }, specProblems: [], offsetsPlanned: false };
    }),
  editOffsets: (edit, replacePlan = false) =>
    set((state) => ({
      specInput: { ...state.specInput, offsetsText: edit(replacePlan && state.offsetsPlanned ? '' : state.specInput.offsetsText) },
      specProblems: [],
      offsetsPlanned: false,
    })),
  setSpecProblems: (problems) => set({ specProblems: problems }),
});
