import { describe, expect, it } from 'vitest';
import { presetsToJson } from '../core/job/presets';
import { specFromFile } from './specFile';

describe('specFromFile', () => {
  it('reads a presets file with one preset, and a vendor request with its UserData', () => {
    const presets = presetsToJson([{ id: 'a', name: 'Seek', builtIn: false, input: { mode: 'sprite', interval: '2', columns: '10' } }]);
    expect(specFromFile(presets, 'seek.json')).toEqual({ mode: 'sprite', interval: '2', columns: '10' });
    expect(specFromFile('{"SpecifiedOffsetTimes": [1000], "UserData": {"a": 1}}', 'ali.json')).toMatchObject({
      mode: 'offsets',
      offsetsText: '1000',
      userDataText: '{"a":1}',
    });
  });

  it('refuses, naming the file: not JSON, several presets, a wrong request, anything else', () => {
    expect(() => specFromFile('{', 'x.json')).toThrow(/^x\.json: this is not valid JSON/);
    const two = presetsToJson([
      { id: 'a', name: 'A', builtIn: false, input: { mode: 'sample' } },
      { id: 'b', name: 'B', builtIn: false, input: { mode: 'offsets' } },
    ]);
    expect(() => specFromFile(two, 'two.json')).toThrow('two.json: this presets file holds 2 presets; --spec takes one.');
    expect(() => specFromFile('{"Type": "SnapshotByTimeOffset"}', 'z.json')).toThrow(
      /^z\.json: "Type": "SnapshotByTimeOffset" needs "ExtTimeOffsetSet"/,
    );
    expect(() => specFromFile('{"hello": 1}', 'h.json')).toThrow(/^h\.json: This presets file has an unknown key "hello"/);
  });
});
