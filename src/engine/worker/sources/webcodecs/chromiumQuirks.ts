/**
 * What mediabunny's own decoder wrapper (VideoSampleSink, mediabunny 1.61 `VideoDecoderWrapper`) does for Chromium
 * before a packet reaches `VideoDecoder`, for the packet-feeding decoder that replaces it (packetDecoder.ts). Only
 * the parts that decide whether Chromium decodes at all are repeated here; anything else Chromium rejects makes the
 * packet decoder hand the file back to mediabunny's sink.
 */
import { avcNalType, joinNalUnits, splitNalUnits, type NalStream } from '../../../../core/h264/nal';

/** mediabunny's `isChromium()`: the vendor string or the user agent. */
export const isChromium = (): boolean =>
  typeof navigator !== 'undefined' &&
  ((navigator as { vendor?: string }).vendor?.includes('Google Inc') || /Chrome/.test(navigator.userAgent));

/**
 * The decoder config with an incomplete colour space filled with Chromium's own defaults (BT.709, limited range), as
 * mediabunny does (remotion-dev/remotion#10841: Chromium drops a partial colour space on some paths).
 */
export function chromiumDecoderConfig(config: VideoDecoderConfig): VideoDecoderConfig {
  const c = config.colorSpace;
  if (!isChromium() || (c?.primaries && c.transfer && c.matrix && c.fullRange !== undefined)) return config;
  return {
    ...config,
    colorSpace: {
      primaries: c?.primaries ?? 'bt709',
      matrix: c?.matrix ?? 'bt709',
      transfer: c?.transfer ?? 'bt709',
      fullRange: c?.fullRange ?? false,
    },
  };
}

/**
 * The bytes of the first H.264 packet after configure() or flush(), as Chromium's key frame check accepts them
 * (crbug.com/470109459, mediabunny#396): NAL units before an access unit delimiter are dropped, the packet ends at
 * an AUD after picture data, and NAL types 20-31 are stripped. Other packets and codecs are returned as they are.
 */
export function firstChunkBytes(data: Uint8Array, stream: NalStream): Uint8Array {
  if (!isChromium() || stream.codec !== 'avc') return data;
  const units = splitNalUnits(data, stream.framing);
  if (!units) return data;
  const kept: Uint8Array[] = [];
  let hasPicture = false;
  for (const unit of units) {
    const type = avcNalType(unit);
    hasPicture ||= type >= 1 && type <= 5;
    if (type === 9) {
      if (hasPicture) break;
      kept.length = 0;
    }
    if (!(type >= 20 && type <= 31)) kept.push(unit);
  }
  return joinNalUnits(kept, stream.framing);
}
