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
  /**
   * The duration the container's own header declares, ms, when the probe's duration was worked out otherwise (an AVI
   * whose header counts 100 frames while FFmpeg's duration already stops at the data); the longer of the two counts.
   */
  headerDurationMs?: number | null;
  /** The frame count the container's own header declares, when the probe's came from elsewhere. */
  headerFrameCount?: number | null;
  /** The frame rate the packets' presentation times show when they are regularly spaced (core/damage/packetRate.ts). */
  frameRate?: number | null;
  /**
   * Whether the packets are the whole presentation (AVI, MXF, MPEG-TS: no edit list can trim them), so that a header
   * shorter than they are is wrong too; an MP4's edit list may present less than its packets hold.
   */
  wholePresentation?: boolean;
}

/**
 * How far a declared duration may pass the last packet before it is called wrong, ms: a second or 10 %, whichever
 * is more (a last frame's duration, audio that outlasts the video, container rounding stay below it).
 */
export function durationSlackMs(endMs: number): number {
  return Math.max(1000, endMs * 0.1);
}

/** How far (a factor either way) a header's frame rate may be from its packets' before it is called wrong. */
export const RATE_FACTOR = 1.5;

const plausibleRate = (rate: number | null | undefined): rate is number =>
  typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && rate < 1000;

/** A rate for sentences: up to three decimals, trailing zeros dropped (25, 29.97, 23.976). */
const fps = (rate: number) => String(Math.round(rate * 1000) / 1000);

/**
 * The probe's figures checked against the packets: duration, frame count and frame rate.
 * - A cut file (its data ends before the declared duration) gets the duration of its data.
 * - A declared duration far past the last packet (over {@link durationSlackMs}), or far short of it where the packets
 *   are the whole presentation, is replaced by the packets'.
 * - A declared frame count far above the frames the file holds is replaced by theirs.
 * - A frame rate the regularly spaced packets contradict (more than {@link RATE_FACTOR} either way), or a missing one
 *   next to any of the findings above, is replaced by the packets'.
 * @returns `info` unchanged when the packets agree; else a copy with the packets' figures whose `headerCheck` says
 *   what the header claimed, where the data ends, and why
 */
export function checkHeader(info: SourceInfo, packets: PacketEnd): SourceInfo {
  const declaredMs = Math.max(info.durationMs, packets.headerDurationMs ?? 0);
  const declaredFrames = Math.max(info.frameCount ?? 0, packets.headerFrameCount ?? 0) || null;
  const cut = packets.dataEndMs !== null && packets.dataEndMs < declaredMs;
  const endMs = cut ? (packets.dataEndMs as number) : packets.endMs;
  const longHeader = declaredMs > endMs + durationSlackMs(endMs);
  const shortHeader = packets.wholePresentation === true && packets.endMs > declaredMs + durationSlackMs(packets.endMs);
  const headerRate = plausibleRate(info.frameRate) ? info.frameRate : null;
  const packetRate = plausibleRate(packets.frameRate) ? packets.frameRate : null;
  const slackFrames = Math.max(1, ((headerRate ?? packetRate ?? 1) * durationSlackMs(endMs)) / 1000);
  const manyFrames = packets.frameCount !== null && declaredFrames !== null && declaredFrames > packets.frameCount + slackFrames;
  const durationWrong = cut || longHeader || shortHeader;
  const rateWrong =
    packetRate !== null &&
    (headerRate === null ? durationWrong || manyFrames : Math.max(headerRate / packetRate, packetRate / headerRate) > RATE_FACTOR);
  if (!durationWrong && !manyFrames && !rateWrong) return info;

  const share = packets.presentShare;
  const sentences: string[] = [];
  if (cut) {
    sentences.push(
      `The file ends ${share !== null ? `at ${Math.floor(share * 100)} % of what its header announces` : 'early'}: the header says ${formatTime(declaredMs)}; its video data ends at ${formatTime(endMs)}, and times from there on cannot be decoded.`,
    );
  } else if (longHeader || shortHeader) {
    sentences.push(`The header says ${formatTime(declaredMs)}; its video ends at ${formatTime(packets.endMs)}.`);
  } else if (manyFrames) {
    sentences.push(`The header says ${declaredFrames} frames; its video holds ${packets.frameCount}.`);
  }
  if (rateWrong) {
    const gap = Math.round(10_000 / packetRate) / 10;
    const said = headerRate === null ? 'The header gives no frame rate' : `The header says ${fps(headerRate)} frames per second`;
    sentences.push(`${said}; its packets come every ${gap} ms (${fps(packetRate)} per second).`);
  }

  const rate = rateWrong ? packetRate : info.frameRate;
  // A cut file's duration stops just before its first missing frame, so that 100 % is the last frame it holds.
  const durationMs = !durationWrong ? info.durationMs : Math.max(1, cut ? Math.ceil(endMs) - 1 : Math.round(endMs));
  const derivedFrames = rate ? Math.max(1, Math.round((durationMs * rate) / 1000)) : null;
  const frameCount =
    packets.frameCount !== null && (durationWrong || manyFrames)
      ? packets.frameCount
      : info.frameCount === null || !durationWrong
        ? info.frameCount
        : Math.min(info.frameCount, derivedFrames ?? info.frameCount);
  return {
    ...info,
    durationMs,
    videoDurationMs:
      info.videoDurationMs === null || !durationWrong
        ? info.videoDurationMs
        : shortHeader
          ? durationMs
          : Math.min(info.videoDurationMs, durationMs),
    frameRate: rate,
    frameCount,
    headerCheck: {
      declaredDurationMs: declaredMs,
      dataEndMs: cut ? endMs : null,
      sentence: sentences.join(' '),
      ...(rateWrong ? { declaredFrameRate: headerRate } : {}),
      ...(manyFrames || (durationWrong && declaredFrames !== null && declaredFrames !== frameCount)
        ? { declaredFrameCount: declaredFrames }
        : {}),
    },
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
