/**
 * A one-line description of a source's colours for the video details, e.g. "HDR10 (PQ), BT.2020, 10-bit" or
 * "Dolby Vision 8.1, HDR10 base layer (PQ), BT.2020, 10-bit".
 */
import type { SourceColor } from '../../job/types';
import { hdrSource } from './colorInfo';

const PRIMARIES: Record<string, string> = { bt2020: 'BT.2020', bt709: 'BT.709', p3: 'Display P3' };

/** The summary, or null for 8-bit video with no HDR and no tags (nothing worth a line). */
export function colorSummary(color: SourceColor | undefined): string | null {
  if (!color) return null;
  const hdr = hdrSource(color);
  const depth = `${color.bitDepth}-bit`;
  if (!hdr) {
    if (!color.transfer && !color.primaries && color.bitDepth <= 8) return null;
    return ['SDR', color.primaries ? (PRIMARIES[color.primaries] ?? color.primaries) : null, depth].filter(Boolean).join(', ');
  }
  const kind = hdr.transfer === 'pq' ? 'HDR10 (PQ)' : 'HLG';
  const dv = color.dolbyVision ? `Dolby Vision ${color.dolbyVision.profile}.${color.dolbyVision.compatibility}, ${kind} base layer` : kind;
  const peak = hdr.transfer === 'pq' && color.peakNits ? `, peak ${Math.round(color.peakNits)} cd/m²` : '';
  return `${dv}, ${PRIMARIES[hdr.primaries] ?? hdr.primaries}, ${depth}${peak}: tone-mapped to SDR (setting "HDR")`;
}
