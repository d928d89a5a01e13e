/**
 * Presets (the vendors' snapshot templates, Tencent `definition`, Alibaba `SnapshotTemplateId`):
 * a preset is a saved job form. Built-in presets come from core/job/presets.ts; the user's own live here and are
 * persisted with the settings (store/index.ts `partialize`).
 *
 * What a user preset saves: every form field except `offsetsText` (the times belong to one video) and `userDataText`
 * (it describes one job). Applying a preset therefore leaves the typed times and user data as they are.
 */
import type { StateCreator } from 'zustand';
import { InvalidParameterError } from '../core/job/errors';
import { applyPreset, BUILT_IN_PRESETS, MAX_PRESET_NAME_CHARS, presetsFromFile, presetsToJson, type Preset } from '../core/job/presets';
import type { SpecInput } from '../core/job/spec';
import type { StoreState } from './index';

/** Form fields a user preset leaves out (see the module comment). */
const NOT_SAVED: ReadonlySet<keyof SpecInput> = new Set<keyof SpecInput>(['offsetsText', 'userDataText']);

/** The user's presets and what can be done with them. Every action that takes user text throws a sentence. */
export interface PresetsSlice {
  /** The user's own presets, oldest first. Built-ins are not stored (they are `BUILT_IN_PRESETS`). */
  userPresets: Preset[];
  /**
   * Saves the current form as a new user preset (every field but the times and user data).
   * @param name trimmed; 1–80 characters, unique among the user's presets.
   * @returns the new preset.
   * @throws InvalidParameterError (field "presetName") for an empty, too long or already used name.
   */
  savePreset: (name: string) => Preset;
  /**
   * Renames a user preset. Same name rules as {@link PresetsSlice.savePreset} (its own old name does not clash).
   * @throws InvalidParameterError for a bad name, or an id that is not a user preset (built-ins cannot be renamed).
   */
  renamePreset: (id: string, name: string) => void;
  /** Deletes a user preset; an unknown id is ignored. */
  deletePreset: (id: string) => void;
  /**
   * Applies a built-in or user preset to the form (core `applyPreset`, then `replaceSpecInput`).
   * @returns the preset applied.
   * @throws InvalidParameterError when no preset has this id (e.g. deleted meanwhile).
   */
  applyPresetById: (id: string) => Preset;
  /**
   * Adds the presets of an exported JSON file, or one preset from a vendor request (core `presetsFromFile`), as user
   * presets with new ids. A name already used gets " (2)", " (3)", … . Nothing is added when the file is refused.
   * @returns how many presets were added.
   * @throws InvalidParameterError with the core's sentence for a file that is not a presets export.
   */
  importPresets: (text: string) => number;
}

/** A new preset id (random UUID, as `crypto.randomUUID`). */
function newId(): string {
  return crypto.randomUUID();
}

/**
 * Checks a preset name and returns it trimmed.
 * @param taken the names of the other user presets.
 * @throws InvalidParameterError (field "presetName") for an empty, too long or already used name.
 */
export function checkPresetName(name: string, taken: readonly string[]): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new InvalidParameterError('presetName', 'Type a name for the preset.');
  if (trimmed.length > MAX_PRESET_NAME_CHARS) {
    throw new InvalidParameterError(
      'presetName',
      `A preset name can have at most ${MAX_PRESET_NAME_CHARS} characters; this one has ${trimmed.length}. Shorten it.`,
    );
  }
  if (taken.includes(trimmed)) {
    throw new InvalidParameterError('presetName', `You already have a preset named "${trimmed}". Choose another name.`);
  }
  return trimmed;
}

/**
 * The first of `name`, `name (2)`, `name (3)`, … that is not in `taken`, cut so that it stays within 80 characters.
 */
export function uniquePresetName(name: string, taken: ReadonlySet<string>): string {
  const base = name.trim().slice(0, MAX_PRESET_NAME_CHARS) || 'Imported preset';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_PRESET_NAME_CHARS - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The fields of `input` that a user preset keeps (all but the times and user data). */
export function presetFieldsOf(input: SpecInput): Partial<SpecInput> {
  const out: Partial<SpecInput> = {};
  for (const key of Object.keys(input) as (keyof SpecInput)[]) {
    if (!NOT_SAVED.has(key)) (out as Record<string, unknown>)[key] = input[key];
  }
  return out;
}

/**
 * Rebuilds the user's presets from storage, keeping only well-formed entries (a hand-edited or older
 * localStorage must not break the app). Used by the store's `merge`.
 * @param value whatever was persisted under `userPresets`.
 * @returns the valid presets, `builtIn` false, without duplicate ids.
 */
export function restoreUserPresets(value: unknown): Preset[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const out: Preset[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, name, input } = item as Record<string, unknown>;
    if (typeof id !== 'string' || typeof name !== 'string' || seen.has(id)) continue;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) continue;
    seen.add(id);
    out.push({ id, name, builtIn: false, input: input as Partial<SpecInput> });
  }
  return out;
}

/** The JSON file "Export presets" downloads: the user's presets in core `presetsToJson` form. */
export function selectPresetsExport(state: Pick<StoreState, 'userPresets'>): string {
  return presetsToJson(state.userPresets);
}

/** Finds a built-in or user preset by id. */
export function findPreset(state: Pick<StoreState, 'userPresets'>, id: string): Preset | undefined {
  return BUILT_IN_PRESETS.find((p) => p.id === id) ?? state.userPresets.find((p) => p.id === id);
}

/** The presets slice of the store (zustand slices pattern). */
export const createPresetsSlice: StateCreator<StoreState, [], [], PresetsSlice> = (set, get) => ({
  userPresets: [],

  savePreset: (name) => {
    const { userPresets, specInput } = get();
    const checked = checkPresetName(
      name,
      userPresets.map((p) => p.name),
    );
    const preset: Preset = { id: newId(), name: checked, builtIn: false, input: presetFieldsOf(specInput) };
    set({ userPresets: [...userPresets, preset] });
    return preset;
  },

  renamePreset: (id, name) => {
    const { userPresets } = get();
    if (!userPresets.some((p) => p.id === id)) {
      throw new InvalidParameterError('presetName', 'Only your own presets can be renamed. Choose one under "My presets".');
    }
    const checked = checkPresetName(
      name,
      userPresets.filter((p) => p.id !== id).map((p) => p.name),
    );
    set({ userPresets: userPresets.map((p) => (p.id === id ? { ...p, name: checked } : p)) });
  },

  deletePreset: (id) => set((state) => ({ userPresets: state.userPresets.filter((p) => p.id !== id) })),

  applyPresetById: (id) => {
    const state = get();
    const preset = findPreset(state, id);
    if (!preset) throw new InvalidParameterError('preset', 'This preset no longer exists. Choose another one.');
    state.replaceSpecInput(applyPreset(state.specInput, preset));
    return preset;
  },

  importPresets: (text) => {
    const incoming = presetsFromFile(text, newId);
    const { userPresets } = get();
    const taken = new Set(userPresets.map((p) => p.name));
    const added = incoming.map((preset): Preset => {
      const name = uniquePresetName(preset.name, taken);
      taken.add(name);
      return { ...preset, name, builtIn: false };
    });
    set({ userPresets: [...userPresets, ...added] });
    return added.length;
  },
});
