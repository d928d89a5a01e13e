/**
 * Decoder garbage is never a frame (docs/ENGINE.md "The garbage rule"). When ffmpeg starts decoding at a
 * point that is not a random access point (an MPEG-TS seek lands on any packet, not on a keyframe; a file cut in the
 * middle of a GOP), the pictures before the first random access point have missing references or parameter sets.
 * ffmpeg's HEVC decoder then fills the missing references with grey and outputs the result as ordinary frames; its
 * H.264 decoder mostly withholds them. What the decoder said decides, not the pixels: the log lines below, and the
 * key flag of each decoded frame (showinfo `iskey`: IRAP pictures in HEVC, IDR and recovery points in H.264).
 *
 * The rule: when an exec's log holds one of these lines, only frames presented at or after the first keyframe it
 * decoded are trusted. After an IRAP picture no picture references one decoded before it (ITU-T H.265 8.3.2,
 * H.264 8.2.5.2; RASL pictures, which may, are skipped by ffmpeg when decoding starts at their CRA), so every frame
 * presented from that keyframe on is the video; frames before it may be grey or smeared.
 */

/**
 * ffmpeg 5.1 log lines that mean the decoder is producing pictures without the data they need (libavcodec hevc_refs.c,
 * hevcdec.c, h264_slice.c, h264_direct.c, h264_refs.c). The H.264 ones come for frame and field pictures alike: a
 * reference list naming a picture (or a field of one) the decoder never had ("reference picture missing during
 * reorder", "Missing reference picture, default is N"), a marking that frees a picture it never had ("mmco: unref
 * short failure"), as when decoding starts at an open GOP's recovery point or in the middle of a GOP.
 */
export const DECODER_GARBAGE_LINES: readonly RegExp[] = [
  /Could not find ref with POC/,
  /PPS id out of range/,
  /Skipping invalid undecodable NALU/,
  /Error constructing the frame RPS/,
  /missing picture in access unit/,
  /co located POCs unavailable/,
  /reference picture missing during reorder/,
  /Missing reference picture/,
  /mmco: unref short failure/,
];

/** The first log line that says the decoder lacked references or parameter sets, trimmed; null when none does. */
export function firstGarbageLine(lines: readonly string[]): string | null {
  const line = lines.find((l) => DECODER_GARBAGE_LINES.some((re) => re.test(l)));
  return line === undefined ? null : line.replace(/^\[[^\]]*\]\s*/, '').trim();
}

/** One frame as it left the decoder: presentation time (s, the stream's own clock) and key flag. */
export interface DecodedStamp {
  sec: number;
  key: boolean;
}

/**
 * From when (s, the stream's own clock) an exec's frames can be trusted: -Infinity when the log says nothing of
 * missing references; the presentation time of the first keyframe decoded when it does; Infinity when it does and no
 * keyframe was decoded (nothing can be trusted).
 * @param decoded the frames in the order the decoder output them (showinfo before any filter)
 * @param lines the exec's log lines
 */
export function trustedFromSec(decoded: readonly DecodedStamp[], lines: readonly string[]): number {
  if (firstGarbageLine(lines) === null) return -Infinity;
  const key = decoded.find((f) => f.key);
  return key ? key.sec : Infinity;
}
