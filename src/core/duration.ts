/**
 * Which duration a video has when its container and its streams disagree (issue 6: "a container whose declared
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
