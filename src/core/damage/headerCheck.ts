/**
 * The header against the packets: a duration or frame count that the file's own packets contradict (a cut file whose
 * data ends early; a damaged duration far past the last packet) is replaced by what the packets say, and the probe
 * says so in one sentence ("The header says 39:46:05.000; its video ends at 0:01.000."). The packets are read
 * cheaply by the caller: the MP4 sample tables against the file size (mp4DataEnd.ts) or the demuxer's last packet.
 */
import { DamagedMediaError } from '../job/errors';
import { formatTime } from '../timeline/time';
import type { SourceInfo } from '../job/types';

/** What the packets say about where the video ends. Times: ms on the SPEC clock (from the video's first frame). */
export interface PacketEnd {
  /** The end of the last video packet: its time plus its duration, ms. */
  endMs: number;
  /** From this time on the data is missing (a cut file), ms; null when every packet is in the file. */
  dataEndMs: number | null;
  /** Share of the bytes the header indexes that the file holds, 0-1, when known (MP4 sample tables). */
  presentShare: number | null;
  /** Video frames the file holds, when known. */
  frameCount: number | null;
}

/**
 * How far a declared duration may pass the last packet before it is called wrong, ms: a second or 10 %, whichever
 * is more (a last frame's duration, audio that outlasts the video, container rounding stay below it).
 */
export function durationSlackMs(endMs: number): number {
  return Math.max(1000, endMs * 0.1);
}

/**
 * The probe's figures checked against the packets.
 * @returns `info` unchanged when the packets agree; else a copy whose durationMs, videoDurationMs and frameCount are
 *   the packets' and whose `headerCheck` says what the header claimed, where the data ends, and why
 */
export function checkHeader(info: SourceInfo, packets: PacketEnd): SourceInfo {
  const declaredMs = info.durationMs;
  const cut = packets.dataEndMs !== null && packets.dataEndMs < declaredMs;
  const endMs = cut ? (packets.dataEndMs as number) : packets.endMs;
  const longHeader = declaredMs > endMs + durationSlackMs(endMs);
  if (!cut && !longHeader) return info;
  const share = packets.presentShare;
  const sentence = cut
    ? `The file ends ${share !== null ? `at ${Math.floor(share * 100)} % of what its header announces` : 'early'}: the header says ${formatTime(declaredMs)}; its video data ends at ${formatTime(endMs)}, and times from there on cannot be decoded.`
    : `The header says ${formatTime(declaredMs)}; its video ends at ${formatTime(endMs)}.`;
  // A cut file's duration stops just before its first missing frame, so that 100 % is the last frame it holds.
  const durationMs = Math.max(1, cut ? Math.ceil(endMs) - 1 : Math.round(endMs));
  const frameCount = packets.frameCount ?? (info.frameRate ? Math.max(1, Math.round((durationMs * info.frameRate) / 1000)) : null);
  return {
    ...info,
    durationMs,
    videoDurationMs: info.videoDurationMs === null ? null : Math.min(info.videoDurationMs, durationMs),
    frameCount: info.frameCount === null ? null : Math.min(info.frameCount, frameCount ?? info.frameCount),
    headerCheck: { declaredDurationMs: declaredMs, dataEndMs: cut ? endMs : null, sentence },
  };
}

/**
 * The error for a time the data does not reach (a cut file, {@link checkHeader}), or null when the time is in it.
 * @param timeMs the requested time, ms
 */
export function pastDataEnd(info: SourceInfo, timeMs: number): DamagedMediaError | null {
  const check = info.headerCheck;
  if (!check || check.dataEndMs === null || timeMs < check.dataEndMs) return null;
  return new DamagedMediaError(
    `No picture at ${formatTime(timeMs)} in ${info.name}: ${lowerFirst(check.sentence)} Choose earlier times or a complete copy of the file.`,
  );
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
