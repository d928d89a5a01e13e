import { describe, expect, it } from 'vitest';
import { sourceColorFromProbe } from './colorInfo';
import { colorSummary } from './summary';

describe('colorSummary', () => {
  it('names HDR10, HLG and the Dolby Vision base layer', () => {
    const hdr10 = sourceColorFromProbe({
      pix_fmt: 'yuv420p10le',
      color_transfer: 'smpte2084',
      color_primaries: 'bt2020',
      color_space: 'bt2020nc',
    });
    expect(colorSummary(hdr10)).toBe('HDR10 (PQ), BT.2020, 10-bit: tone-mapped to SDR (setting "HDR")');
    const hlg = sourceColorFromProbe({ pix_fmt: 'yuv420p10le', color_transfer: 'arib-std-b67', color_primaries: 'bt2020' });
    expect(colorSummary(hlg)).toMatch(/^HLG, BT\.2020, 10-bit/);
    const dv = sourceColorFromProbe({
      pix_fmt: 'yuv420p10le',
      side_data_list: [{ side_data_type: 'DOVI configuration record', dv_profile: 8, dv_bl_signal_compatibility_id: 1 }],
    });
    expect(colorSummary(dv)).toMatch(/^Dolby Vision 8\.1, HDR10 \(PQ\) base layer, BT\.2020, 10-bit/);
  });
  it('says nothing for untagged 8-bit video, SDR for tagged SDR', () => {
    expect(colorSummary(sourceColorFromProbe({ pix_fmt: 'yuv420p' }))).toBeNull();
    expect(colorSummary(sourceColorFromProbe({ pix_fmt: 'yuv420p', color_transfer: 'bt709', color_primaries: 'bt709' }))).toBe(
      'SDR, BT.709, 8-bit',
    );
    expect(colorSummary(undefined)).toBeNull();
  });
});
