/**
 * The presets slice (store/presetsSlice.ts) on a store of its own: save, rename, delete, apply, import with name
 * clashes, export, and restoring from storage. Pure: no DOM.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { presetsFromJson } from '../core/job/presets';
import { DEFAULT_SPEC_INPUT, type SpecInput } from '../core/job/spec';
import type { StoreState } from './index';
import { checkPresetName, createPresetsSlice, restoreUserPresets, selectPresetsExport, uniquePresetName } from './presetsSlice';

type Harness = Pick<StoreState, 'specInput' | 'replaceSpecInput'> & ReturnType<typeof createPresetsSlice>;

/** A store with the presets slice and just enough of the spec slice. */
function makeStore(specInput: SpecInput = DEFAULT_SPEC_INPUT) {
  return createStore<Harness>()((set, get, api) => ({
    specInput,
    replaceSpecInput: (input: SpecInput) => set({ specInput: input }),
    // The slice only uses specInput, replaceSpecInput and its own fields.
    ...createPresetsSlice(
      set as Parameters<typeof createPresetsSlice>[0],
      get as Parameters<typeof createPresetsSlice>[1],
      api as unknown as Parameters<typeof createPresetsSlice>[2],
    ),
  }));
}

const form: SpecInput = {
  ...DEFAULT_SPEC_INPUT,
  mode: 'sample',
  interval: '5',
  width: '320',
  format: 'webp',
  offsetsText: '1s, 2s',
  userDataText: '{"id": 1}',
};

describe('presets slice', () => {
  it('saves every field but the times and the user data', () => {
    const store = makeStore(form);
    const preset = store.getState().savePreset('  My thumbs ');
    expect(preset.name).toBe('My thumbs');
    expect(preset.builtIn).toBe(false);
    expect(preset.input).toMatchObject({ mode: 'sample', interval: '5', width: '320', format: 'webp', webvtt: true });
    expect(preset.input).not.toHaveProperty('offsetsText');
    expect(preset.input).not.toHaveProperty('userDataText');
    expect(store.getState().userPresets).toEqual([preset]);
  });

  it('refuses empty, too long and duplicate names', () => {
    const store = makeStore(form);
    store.getState().savePreset('A');
    expect(() => store.getState().savePreset('  ')).toThrow(/Type a name/);
    expect(() => store.getState().savePreset('x'.repeat(81))).toThrow(/at most 80 characters; this one has 81/);
    expect(() => store.getState().savePreset(' A ')).toThrow(/already have a preset named "A"/);
    expect(store.getState().userPresets).toHaveLength(1);
  });

  it('renames (its own name does not clash) and deletes', () => {
    const store = makeStore(form);
    const a = store.getState().savePreset('A');
    store.getState().savePreset('B');
    store.getState().renamePreset(a.id, 'A');
    expect(() => store.getState().renamePreset(a.id, 'B')).toThrow(/already have a preset named "B"/);
    expect(() => store.getState().renamePreset('builtin:poster', 'P')).toThrow(/Only your own presets/);
    store.getState().renamePreset(a.id, ' C ');
    expect(store.getState().userPresets.map((p) => p.name)).toEqual(['C', 'B']);
    store.getState().deletePreset(a.id);
    expect(store.getState().userPresets.map((p) => p.name)).toEqual(['B']);
  });

  it('applies built-in and user presets, keeping the times and user data', () => {
    const store = makeStore(form);
    const mine = store.getState().savePreset('Mine');
    store.getState().applyPresetById('builtin:contact-sheet');
    expect(store.getState().specInput).toMatchObject({ mode: 'sprite', columns: '4', lines: '4', count: '16' });
    store.setState({ specInput: { ...store.getState().specInput, width: '640' } });
    expect(store.getState().applyPresetById(mine.id)).toBe(mine);
    expect(store.getState().specInput).toEqual(form);
    expect(() => store.getState().applyPresetById('gone')).toThrow(/no longer exists/);
  });

  it('exports and imports, renaming clashes with " (2)", " (3)"', () => {
    const store = makeStore(form);
    store.getState().savePreset('A');
    store.getState().savePreset('B');
    const json = selectPresetsExport(store.getState());
    expect(presetsFromJson(json, () => 'x').map((p) => p.name)).toEqual(['A', 'B']);
    expect(store.getState().importPresets(json)).toBe(2);
    expect(store.getState().importPresets(json)).toBe(2);
    const presets = store.getState().userPresets;
    expect(presets.map((p) => p.name)).toEqual(['A', 'B', 'A (2)', 'B (2)', 'A (3)', 'B (3)']);
    expect(new Set(presets.map((p) => p.id)).size).toBe(6);
    expect(() => store.getState().importPresets('{"presets": [')).toThrow(/not valid JSON/);
    expect(store.getState().userPresets).toHaveLength(6);
  });
});

describe('preset names', () => {
  it('checkPresetName trims and checks', () => {
    expect(checkPresetName(' a ', ['b'])).toBe('a');
    expect(() => checkPresetName('', [])).toThrow();
  });

  it('uniquePresetName stays within 80 characters', () => {
    const long = 'y'.repeat(80);
    expect(uniquePresetName(long, new Set([long]))).toBe(`${'y'.repeat(76)} (2)`);
    expect(uniquePresetName('a', new Set(['a', 'a (2)']))).toBe('a (3)');
  });
});

describe('restoreUserPresets', () => {
  it('keeps only well-formed entries, not built-in, ids unique', () => {
    const good = { id: '1', name: 'A', builtIn: true, input: { width: '320' } };
    const restored = restoreUserPresets([good, good, null, 'x', { id: 2, name: 'B', input: {} }, { id: '3', name: 'C', input: [] }]);
    expect(restored).toEqual([{ id: '1', name: 'A', builtIn: false, input: { width: '320' } }]);
    expect(restoreUserPresets(undefined)).toEqual([]);
    expect(restoreUserPresets({})).toEqual([]);
  });
});
