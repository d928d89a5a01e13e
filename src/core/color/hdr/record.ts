/**
 * What manifest.json says about the HDR → SDR conversion of a job: only for HDR sources.
 */
import type { HdrMode, SourceInfo } from '../../job/types';
import { hdrSource } from './colorInfo';

/** The `hdr` record of a manifest. */
export interface ManifestHdr {
  /** The source's transfer as ffprobe names it (`smpte2084`, `arib-std-b67`), or the Dolby Vision base layer's. */
  transfer: 'smpte2084' | 'arib-std-b67';
  /** The primaries converted from (`bt2020`, `bt709`, `p3`). */
  primaries: string;
  /** The operator (`hable`, `reinhard`, `bt2390`), or `off` (no tone mapping: code values as they are). */
  operator: HdrMode;
  /** The source peak the operator mapped to SDR white, cd/m². */
  peakNits: number;
  /** What the images are: BT.709 primaries, encoded for a BT.709 display (inverse BT.1886 EOTF, as `zscale=t=bt709`), 8-bit. */
  output: 'bt709';
}

/** The record for a job on `source` with the HDR setting `mode`; null for SDR sources. */
export function hdrRecord(source: Pick<SourceInfo, 'color'>, mode: HdrMode): ManifestHdr | null {
  const hdr = hdrSource(source.color);
  if (!hdr) return null;
  return {
    transfer: hdr.transfer === 'pq' ? 'smpte2084' : 'arib-std-b67',
    primaries: hdr.primaries,
    operator: mode,
    peakNits: hdr.peakNits,
    output: 'bt709',
  };
}
