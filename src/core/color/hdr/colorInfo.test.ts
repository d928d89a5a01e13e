import { describe, expect, it } from 'vitest';
import { UnsupportedMediaError } from '../../job/errors';
import { hdrSource, refuseDolbyVision, sourceColorFromProbe } from './colorInfo';

const hdr10 = {
  pix_fmt: 'yuv420p10le',
  color_range: 'tv',
  color_space: 'bt2020nc',
  color_transfer: 'smpte2084',
  color_primaries: 'bt2020',
  side_data_list: [
    { side_data_type: 'Mastering display metadata', max_luminance: '10000000/10000' },
    { side_data_type: 'Content light level metadata', max_content: 1400 },
  ],
};

describe('sourceColorFromProbe', () => {
  it('reads tags, bit depth and HDR10 static metadata (MaxCLL first)', () => {
    expect(sourceColorFromProbe(hdr10)).toEqual({
      transfer: 'smpte2084',
      primaries: 'bt2020',
      matrix: 'bt2020nc',
      range: 'tv',
      bitDepth: 10,
      dolbyVision: null,
      peakNits: 1400,
    });
    const noCll = sourceColorFromProbe({ ...hdr10, side_data_list: [hdr10.side_data_list[0]!] });
    expect(noCll.peakNits).toBe(1000);
  });
  it('untagged 8-bit video', () => {
    expect(sourceColorFromProbe({ pix_fmt: 'yuv420p', color_transfer: 'unknown' })).toMatchObject({
      transfer: null,
      bitDepth: 8,
      peakNits: null,
    });
    expect(sourceColorFromProbe({ pix_fmt: 'p010le' }).bitDepth).toBe(10);
    expect(sourceColorFromProbe({ pix_fmt: 'yuv444p12le' }).bitDepth).toBe(12);
  });
});

describe('hdrSource', () => {
  it('PQ and HLG with BT.2020 are tone-mapped; SDR is not', () => {
    expect(hdrSource(sourceColorFromProbe(hdr10))).toEqual({
      transfer: 'pq',
      primaries: 'bt2020',
      matrix: 'bt2020nc',
      fullRange: false,
      peakNits: 1400,
    });
    const hlg = sourceColorFromProbe({ ...hdr10, color_transfer: 'arib-std-b67', side_data_list: [] });
    expect(hdrSource(hlg)).toMatchObject({ transfer: 'hlg', peakNits: 1000 });
    expect(hdrSource(sourceColorFromProbe({ pix_fmt: 'yuv420p', color_transfer: 'bt709', color_primaries: 'bt709' }))).toBeNull();
    expect(hdrSource(sourceColorFromProbe({ pix_fmt: 'yuv420p10le', color_transfer: 'bt2020-10', color_primaries: 'bt2020' }))).toBeNull();
    expect(hdrSource(undefined)).toBeNull();
  });
  it('a PQ stream with no static metadata assumes a 1000 cd/m² peak (as ffmpeg tonemap does after zscale)', () => {
    expect(hdrSource(sourceColorFromProbe({ ...hdr10, side_data_list: [] }))?.peakNits).toBe(1000);
  });
  it('a tagged peak below SDR white is raised to 100 cd/m²', () => {
    const dim = { ...hdr10, side_data_list: [{ side_data_type: 'Content light level metadata', max_content: 40 }] };
    expect(hdrSource(sourceColorFromProbe(dim))?.peakNits).toBe(100);
  });
});

describe('Dolby Vision', () => {
  const dv = (profile: number, compatibility: number, tags: object = {}) =>
    sourceColorFromProbe({
      pix_fmt: 'yuv420p10le',
      ...tags,
      side_data_list: [{ side_data_type: 'DOVI configuration record', dv_profile: profile, dv_bl_signal_compatibility_id: compatibility }],
    });

  it('profile 8.1 (HDR10 base layer) is its base layer: PQ, from the tags or, untagged, from the compatibility id', () => {
    expect(hdrSource(dv(8, 1, { color_transfer: 'smpte2084', color_primaries: 'bt2020' }))?.transfer).toBe('pq');
    expect(hdrSource(dv(8, 1))?.transfer).toBe('pq');
    expect(hdrSource(dv(7, 6))?.transfer).toBe('pq');
    expect(() => refuseDolbyVision('a.mp4', dv(8, 1))).not.toThrow();
  });
  it('profile 8.4 is HLG; 8.2 (SDR base layer) is not tone-mapped', () => {
    expect(hdrSource(dv(8, 4))?.transfer).toBe('hlg');
    expect(hdrSource(dv(8, 2, { color_transfer: 'bt709' }))).toBeNull();
  });
  it('profile 5 (no compatible base layer, IPTPQc2) is refused with a sentence naming the file', () => {
    const color = dv(5, 0, { color_transfer: 'smpte2084' });
    expect(() => refuseDolbyVision('dvhe.05.mp4', color)).toThrow(UnsupportedMediaError);
    expect(() => refuseDolbyVision('dvhe.05.mp4', color)).toThrow(/dvhe\.05\.mp4 is Dolby Vision profile 5 .*purple and green/);
  });
});

describe('manifest record', () => {
  it('is written for HDR sources only, with the operator', async () => {
    const { hdrRecord } = await import('./record');
    expect(hdrRecord({ color: sourceColorFromProbe(hdr10) }, 'bt2390')).toEqual({
      transfer: 'smpte2084',
      primaries: 'bt2020',
      operator: 'bt2390',
      peakNits: 1400,
      output: 'bt709',
    });
    expect(hdrRecord({ color: sourceColorFromProbe({ pix_fmt: 'yuv420p' }) }, 'hable')).toBeNull();
    expect(hdrRecord({}, 'hable')).toBeNull();
  });
});
