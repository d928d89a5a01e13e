/**
 * Which duration a video has when its container and its streams disagree ("a container whose declared
 * duration is absurd: take the real duration from the streams").
 */

/** How far (s) the container may run past its longest stream before its figure is not believed. */
export const DECLARED_DURATION_SLACK_SEC = 1;

/**
 * The presentation duration, seconds.
 *
 * The rule: the container's declared duration (ffprobe `format.duration`: MP4 `mvhd`, Matroska `Duration`) wins
 * when it agrees with the streams; when it runs more than {@link DECLARED_DURATION_SLACK_SEC} past the longest
 * stream's duration, the streams win. Why: a stream's duration is counted from its own packets (MP4: the sample
 * table `stts`, whatever `mdhd`/`tkhd` declare; MPEG-TS: first and last pts), so it is what can really be decoded,
 * while `mvhd` is one number any muxer or editor may get wrong (10 hours declared for a 5 s clip). The container
 * legitimately runs a little past each stream (streams starting at different times, an audio tail), hence the slack;
 * a container shorter than its streams (an edit list that trims the media) is believed.
 * @param formatSec ffprobe `format.duration`, s, or null when absent
 * @param streamSecs ffprobe `streams[].duration` of the video and audio streams, s (null where absent: WebM, MKV)
 * @returns seconds, or null when neither says
 */
export function presentationDurationSec(formatSec: number | null, streamSecs: readonly (number | null)[]): number | null {
  const known = streamSecs.filter((s): s is number => s !== null && Number.isFinite(s) && s > 0);
  const longest = known.length > 0 ? Math.max(...known) : null;
  if (formatSec === null || !Number.isFinite(formatSec) || formatSec <= 0) return longest;
  if (longest !== null && formatSec > longest + DECLARED_DURATION_SLACK_SEC) return longest;
  return formatSec;
}

/** One packet as ffprobe lists it: presentation time and duration, s (duration null when the container has none). */
export interface PacketTime {
  ptsSec: number;
  durationSec: number | null;
}

/**
 * Reads ffprobe's `-show_entries packet=pts_time,duration_time -of csv=p=0` output: one `pts,duration` line per
 * packet; `N/A` fields are null (a packet without a pts is left out).
 */
export function parsePacketTimes(text: string): PacketTime[] {
  const packets: PacketTime[] = [];
  for (const line of text.split('\n')) {
    const [pts, duration] = line.trim().split(',');
    const ptsSec = Number(pts);
    if (pts === undefined || pts === '' || !Number.isFinite(ptsSec)) continue;
    const durationSec = Number(duration);
    packets.push({ ptsSec, durationSec: duration !== undefined && duration !== '' && Number.isFinite(durationSec) ? durationSec : null });
  }
  return packets;
}

/**
 * The duration of a file whose container declares none (a Matroska file written as a live stream, without Duration
 * or Cues: OBS, a recording cut short), from its streams: where the last packet of any stream ends (its pts plus its
 * duration; the largest pts when no packet has a duration), minus the container's start_time, as ffprobe and
 * mediabunny (`Input.computeDuration`) compute it. Packets are in file order; with B-frames the last one is not the
 * latest, so every packet counts.
 * @param packets the packets of every stream, pts in s on the file's own clock
 * @param startTimeSec the container's start_time, s (0 when absent)
 * @returns seconds, or null when no packet has a time or the data ends before it starts
 */
export function durationFromPacketsSec(packets: Iterable<PacketTime>, startTimeSec: number): number | null {
  let end = -Infinity;
  for (const p of packets) end = Math.max(end, p.ptsSec + (p.durationSec !== null && p.durationSec > 0 ? p.durationSec : 0));
  const duration = end - startTimeSec;
  return Number.isFinite(duration) && duration > 0 ? duration : null;
}
