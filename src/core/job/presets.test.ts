import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from './errors';
import { BUILT_IN_PRESETS, applyPreset, presetsFromFile, presetsFromJson, presetsToJson, type Preset } from './presets';
import { DEFAULT_SPEC_INPUT, checkJobSpec } from './spec';
import { testSource } from '../fixtures/sourceInfo';

const source = testSource({ size: 1_000, durationMs: 60_000, videoDurationMs: 60_000, codecLongName: 'H.264', frameCount: 1500 });

const counter = (): (() => string) => {
  let n = 0;
  return () => `id-${++n}`;
};

function refusal(text: string): InvalidParameterError {
  try {
    presetsFromJson(text, counter());
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).field).toBe('presets');
    return error as InvalidParameterError;
  }
  throw new Error('expected an InvalidParameterError');
}

const preset = (name: string, input: Preset['input'], builtIn = false): Preset => ({ id: `p-${name}`, name, builtIn, input });

describe('BUILT_IN_PRESETS', () => {
  const byName = (name: string): Preset => {
    const found = BUILT_IN_PRESETS.find((p) => p.name === name);
    if (!found) throw new Error(`no preset ${name}`);
    return found;
  };
  const run = (name: string) => checkJobSpec(applyPreset(DEFAULT_SPEC_INPUT, byName(name)), source);

  it('have unique ids and are all built in', () => {
    expect(new Set(BUILT_IN_PRESETS.map((p) => p.id)).size).toBe(BUILT_IN_PRESETS.length);
    expect(BUILT_IN_PRESETS.every((p) => p.builtIn)).toBe(true);
  });

  it('Player seek previews: 160×90 cells, 10 × 10, every 2 s, WebVTT', () => {
    const { spec, problems } = run('Player seek previews');
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({
      mode: 'sprite',
      sampling: { startMs: 0, intervalSec: 2, count: null, percent: null },
      sprite: { cellWidth: 160, cellHeight: 90, columns: 10, lines: 10, webvtt: true },
    });
    expect(spec?.mode === 'sprite' && spec.timesMs.length).toBe(30);
  });

  it('Contact sheet: 4 × 4, 16 evenly spread', () => {
    const { spec, problems } = run('Contact sheet');
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({ mode: 'sprite', sampling: { intervalSec: 0, count: 16 }, sprite: { columns: 4, lines: 4 } });
    expect(spec?.mode === 'sprite' && spec.timesMs).toEqual(Array.from({ length: 16 }, (_, k) => k * 3750));
  });

  it('Poster: one frame at 10 %', () => {
    expect(run('Poster').spec).toMatchObject({ mode: 'offsets', offsetsMs: [6000] });
  });

  it('Thumbnails every 10 s', () => {
    expect(run('Thumbnails every 10 s').spec).toMatchObject({ mode: 'sample', timesMs: [0, 10_000, 20_000, 30_000, 40_000, 50_000] });
  });

  it('never set user data', () => {
    expect(BUILT_IN_PRESETS.every((p) => !('userDataText' in p.input))).toBe(true);
  });
});

describe('applyPreset', () => {
  it('replaces the fields the preset sets and keeps the others', () => {
    const current = { ...DEFAULT_SPEC_INPUT, format: 'png' as const, quality: '70', userDataText: '{"a":1}', cellWidth: '200' };
    const next = applyPreset(current, preset('mine', { mode: 'sample', interval: '5', webvtt: false }));
    expect(next).toEqual({ ...current, mode: 'sample', interval: '5', webvtt: false });
    expect(current.mode).toBe('offsets');
  });

  it('ignores user data, unknown keys and wrongly typed values', () => {
    const odd = { userDataText: 'x', zoom: 3, quality: 5, mode: 'gif', webvtt: 'yes', start: '1s' } as unknown as Preset['input'];
    expect(applyPreset(DEFAULT_SPEC_INPUT, preset('odd', odd))).toEqual({ ...DEFAULT_SPEC_INPUT, start: '1s' });
  });
});

describe('presetsToJson / presetsFromJson', () => {
  const mine = [
    preset('Seek 5 s', { mode: 'sprite', interval: '5', columns: '8', keepCells: true, color: 'navy' }),
    preset('Poster at 3 s', { mode: 'offsets', offsetsText: '3s', format: 'webp', fit: 'stretch', resolutionAdaptive: true }),
  ];

  it('exports the user presets only, as pretty JSON without ids', () => {
    const text = presetsToJson([...BUILT_IN_PRESETS, ...mine]);
    expect(text.startsWith('{\n  "snapframePresets": 1,\n  "presets": [\n    {\n      "name": "Seek 5 s",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      snapframePresets: 1,
      presets: mine.map((p) => ({ name: p.name, input: p.input })),
    });
    expect(presetsToJson(BUILT_IN_PRESETS)).toBe('{\n  "snapframePresets": 1,\n  "presets": []\n}\n');
  });

  it('round-trips with new ids from the caller', () => {
    const back = presetsFromJson(presetsToJson(mine), counter());
    expect(back).toEqual(mine.map((p, i) => ({ ...p, id: `id-${i + 1}` })));
  });

  it('leaves user data out of an export', () => {
    const leaky = preset('leaky', { mode: 'sample', userDataText: '{"secret":1}' });
    expect(JSON.parse(presetsToJson([leaky])).presets[0].input).toEqual({ mode: 'sample' });
  });

  it('trims names, accepts id and builtIn keys, and always imports user presets', () => {
    const text = JSON.stringify({ snapframePresets: 1, presets: [{ id: 'old', builtIn: true, name: '  A  ', input: {} }] });
    expect(presetsFromJson(text, counter())).toEqual([{ id: 'id-1', name: 'A', builtIn: false, input: {} }]);
  });

  it('accepts a name of exactly 80 characters', () => {
    const text = JSON.stringify({ snapframePresets: 1, presets: [{ name: 'n'.repeat(80), input: {} }] });
    expect(presetsFromJson(text, counter())[0]?.name).toHaveLength(80);
  });

  it('accepts an empty list', () => {
    expect(presetsFromJson('{"snapframePresets": 1, "presets": []}', counter())).toEqual([]);
  });

  const file = (presets: unknown, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ snapframePresets: 1, presets, ...extra });

  it.each([
    ['not JSON', '{oops', /^This file is not valid JSON \(.+\)\. Choose a file made by "Export presets"\.$/],
    ['an array', '[]', /should be a JSON object/],
    ['no version', '{"presets": []}', /"snapframePresets" is missing/],
    ['another version', '{"snapframePresets": 2, "presets": []}', /has version 2; this Snapframe reads version 1/],
    ['an unknown top key', file([], { extra: 1 }), /unknown key "extra"/],
    ['no list', '{"snapframePresets": 1, "presets": {}}', /no "presets" list/],
    ['a preset that is not an object', file([1]), /^Preset 1 is not an object/],
    ['an unknown preset key', file([{ name: 'a', input: {}, colour: 1 }]), /^Preset 1 has an unknown key "colour"/],
    ['a missing name', file([{ input: {} }]), /^Preset 1: "name" must be text/],
    ['an empty name', file([{ name: '   ', input: {} }]), /^Preset 1: the name must have 1 to 80 characters; it has 0\./],
    ['a long name', file([{ name: 'n'.repeat(81), input: {} }]), /it has 81\. Fix it in the file, or export the presets again\.$/],
    ['a bad id', file([{ id: 3, name: 'a', input: {} }]), /"id" must be text/],
    ['input not an object', file([{ name: 'a', input: [] }]), /^Preset 1 \("a"\): "input" must be an object/],
    ['an unknown field', file([{ name: 'a', input: { zoom: '2' } }]), /^Preset 1 \("a"\) has an unknown field "zoom"/],
    ['user data', file([{ name: 'a', input: { userDataText: '{}' } }]), /presets cannot hold user data/],
    ['a number for a text field', file([{ name: 'a', input: { width: 640 } }]), /"width" must be text/],
    ['text for a boolean', file([{ name: 'a', input: { webvtt: 'true' } }]), /"webvtt" must be true or false/],
    ['an unknown mode', file([{ name: 'a', input: { mode: 'gif' } }]), /"mode" must be one of "offsets", "sample", "sprite"/],
    ['an unknown format', file([{ name: 'a', input: { format: 'gif' } }]), /"format" must be one of "jpg", "png", "webp"/],
    ['a huge text', file([{ name: 'a', input: { offsetsText: 'x'.repeat(10_001) } }]), /at most 10000 characters/],
    [
      'the second preset bad',
      file([
        { name: 'ok', input: {} },
        { name: 'b', input: { fit: 'zoom' } },
      ]),
      /^Preset 2 \("b"\): "fit"/,
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(refusal(text).message).toMatch(message);
  });
});

describe('presetsFromFile', () => {
  let n = 0;
  const id = () => `id-${++n}`;

  it('reads a presets export as presetsFromJson does', () => {
    const text = presetsToJson([{ id: 'x', name: 'Mine', builtIn: false, input: { mode: 'sample', interval: '5' } }]);
    expect(presetsFromFile(text, id)).toMatchObject([{ name: 'Mine', input: { mode: 'sample', interval: '5' } }]);
  });

  it('imports a vendor request as one preset named after the API, without its UserData', () => {
    const text = JSON.stringify({ SpecifiedOffsetTimes: [1000, 2000], Width: 640, UserData: '{"a":1}' });
    const [preset, ...rest] = presetsFromFile(text, id);
    expect(rest).toEqual([]);
    expect(preset).toMatchObject({
      name: 'Alibaba SubmitSnapshotJob',
      builtIn: false,
      input: { mode: 'offsets', offsetsText: '1000, 2000', width: '640' },
    });
    expect(preset?.input).not.toHaveProperty('userDataText');
  });

  it('a wrong vendor request gets its own sentence; other JSON the presets file sentence', () => {
    expect(() => presetsFromFile('{"Type": "SampleSnapshot"}', id)).toThrow(/"Type": "SampleSnapshot" needs "Interval"/);
    expect(() => presetsFromFile('{"hello": 1}', id)).toThrow(/not a Snapframe presets file|unknown key "hello"/);
  });
});
