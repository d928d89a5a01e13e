import { describe, expect, it } from 'vitest';
import { BUILT_IN_PRESETS } from '../job/presets';
import { DEFAULT_SPEC_INPUT, checkJobSpec, type SpecInput } from '../job/spec';
import type { SourceInfo } from '../job/types';

const source: SourceInfo = {
  name: 'film.mp4',
  size: 1,
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationMs: 7_200_000,
  startTimeMs: 0,
  videoDurationMs: 7_200_000,
  codec: 'h264',
  codecLongName: 'H.264',
  codedWidth: 1920,
  codedHeight: 1080,
  width: 1920,
  height: 1080,
  rotation: 0,
  sampleAspectRatio: [1, 1],
  frameRate: 25,
  frameCount: 180_000,
  hasAudio: false,
};

const preset = BUILT_IN_PRESETS.find((p) => p.id === 'builtin:trickplay')!.input;
const check = (overrides: Partial<SpecInput>, video = source) => checkJobSpec({ ...DEFAULT_SPEC_INPUT, ...preset, ...overrides }, video);
const fields = (overrides: Partial<SpecInput>, video = source) => check(overrides, video).problems.map((p) => p.field);

describe('trickplay limits', () => {
  it("accepts the preset: Jellyfin's 320 px, 10 × 10, every 10 s, JPEG at 90, every format", () => {
    const { spec, problems } = check({});
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({ mode: 'sprite', quality: 90, trickplay: ['bif', 'hls', 'dash', 'jellyfin'] });
    expect(spec?.mode === 'sprite' && spec.sprite).toMatchObject({
      cellWidth: 320,
      cellHeight: 180,
      columns: 10,
      lines: 10,
      fixedSheetSize: true,
    });
    expect(spec?.mode === 'sprite' && spec.timesMs.length).toBe(720);
  });

  it('wants JPEG', () => {
    expect(check({ format: 'png' }).problems[0]?.message).toMatch(/JPEG.*choose the format jpg/);
  });

  it('keeps the tile formats to sprite mode, BIF works in sample mode', () => {
    expect(fields({ mode: 'sample', width: '320', trickplay: ['hls'] })).toEqual(['trickplay']);
    expect(fields({ mode: 'sample', width: '320', trickplay: ['bif'] })).toEqual([]);
    expect(check({ mode: 'sample', width: '320', trickplay: ['bif'] }).spec).toMatchObject({ mode: 'sample', trickplay: ['bif'] });
  });

  it('wants a plain grid of full sheets for the tile formats', () => {
    for (const change of [{ padding: '2' }, { margin: '4' }, { header: true }, { fixedSheetSize: false }]) {
      expect(fields({ trickplay: ['dash'], ...change })).toEqual(['trickplay']);
    }
    expect(fields({ trickplay: ['bif'], padding: '2', fixedSheetSize: false })).toEqual([]);
  });

  it('wants one image every interval from 0 to the end for the tile formats', () => {
    expect(fields({ trickplay: ['hls'], start: '5' })).toEqual(['start']);
    expect(fields({ trickplay: ['hls'], interval: '1%' })).toEqual(['interval']);
    expect(fields({ trickplay: ['hls'], interval: '0.0005' })).toContain('interval');
    expect(fields({ trickplay: ['hls'], count: '5' })).toEqual(['count']);
    expect(fields({ trickplay: ['bif'], start: '5', count: '5' })).toEqual([]);
  });

  it("follows Jellyfin's interval of at least 1 s and even width", () => {
    expect(check({ trickplay: ['jellyfin'], interval: '0.5' }).problems[0]?.message).toMatch(/smallest trickplay interval is 1 s/);
    expect(fields({ trickplay: ['jellyfin'], cellWidth: '321' })).toEqual(['cellWidth']);
  });

  it('keeps HLS and DASH sheets within 4096 px a side', () => {
    expect(fields({ trickplay: ['hls'], columns: '13' })).toEqual(['columns']);
    expect(fields({ trickplay: ['dash'], lines: '23' })).toEqual(['lines']);
    expect(fields({ trickplay: ['jellyfin'], columns: '13' })).toEqual([]);
  });

  it("keeps BIF images within Roku's 320 × 240 px", () => {
    expect(fields({ trickplay: ['bif'], cellWidth: '480' })).toEqual(['cellWidth']);
    const square = { ...source, width: 1080, height: 1080, codedWidth: 1080 };
    expect(check({ trickplay: ['bif'] }, square).problems[0]).toMatchObject({ field: 'cellHeight' });
    expect(check({ trickplay: ['bif'] }, square).problems[0]?.message).toMatch(/320×320 px; the limit is 240 px high/);
    expect(fields({ mode: 'sample', width: '640', trickplay: ['bif'] })).toEqual(['width']);
  });

  it('ignores trickplay in modes offsets and shots', () => {
    expect(check({ mode: 'offsets', offsetsText: '1s', format: 'png' }).problems).toEqual([]);
  });
});
