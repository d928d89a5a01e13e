/**
 * A complete DASH MPD for a single-file video with Snapframe's thumbnail adaptation set (`manifest.mpd`): a static
 * presentation in the ISO BMFF on-demand profile (ISO/IEC 23009-1 §8.3) with one Period, the video's Representation
 * addressed by `BaseURL` (the video's file name, beside the MPD) and `SegmentBase` (its `sidx` and init byte ranges:
 * core/mp4/onDemand.ts), and the image AdaptationSet of core/trickplay/dash.ts. A video that is not such a file gets
 * the sentence saying why only the adaptation set was written, and the ffmpeg command that makes one.
 */
import type { NotOnDemand, OnDemandVideo } from '../mp4/onDemand';
import { videoBaseName } from '../output/naming';
import { DASH_FRAGMENT_FILE_NAME, DASH_MPD_FILE_NAME } from './formats';

/** ISO/IEC 23009-1 duration (xs:duration) of `ms` milliseconds: `PT<seconds>S`, to the ms. */
export function isoDuration(ms: number): string {
  return `PT${(Math.max(0, Math.round(ms)) / 1000).toFixed(3)}S`;
}

/**
 * A frame rate as the MPD's FrameRateType (`n` or `n/d`, whole numbers): 30 → "30", 29.97 → "30000/1001"; other
 * rates to the thousandth ("12500/1000" for 12.5). Null for none or a rate not above 0.
 */
export function mpdFrameRate(fps: number | null): string | null {
  if (fps === null || !Number.isFinite(fps) || fps <= 0) return null;
  if (Math.abs(fps - Math.round(fps)) < 0.0005) return String(Math.round(fps));
  const ntsc = Math.round((fps * 1001) / 1000);
  if (Math.abs(fps - (ntsc * 1000) / 1001) < 0.0005) return `${ntsc * 1000}/1001`;
  return `${Math.round(fps * 1000)}/1000`;
}

/**
 * The video's peak bit rate over its subsegments, bits per second (rounded up, at least 1): the largest subsegment's
 * bits over its duration, with `minBufferTime` the longest subsegment, so that a player buffering that long at this
 * rate never stalls (ISO/IEC 23009-1 §5.3.5.2, @bandwidth with @minBufferTime).
 * @returns the bandwidth, bit/s, and the longest subsegment, ms (rounded)
 */
export function subsegmentPeak(video: Pick<OnDemandVideo, 'references' | 'timescale'>): { bandwidth: number; longestMs: number } {
  let bandwidth = 1;
  let longestMs = 0;
  for (const ref of video.references) {
    const seconds = ref.duration / video.timescale;
    longestMs = Math.max(longestMs, Math.round(seconds * 1000));
    if (seconds > 0) bandwidth = Math.max(bandwidth, Math.ceil((ref.bytes * 8) / seconds));
  }
  return { bandwidth, longestMs };
}

/** Text of an XML element's content, escaped. */
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The complete MPD.
 * @param video the file's on-demand facts (core/mp4/onDemand.ts readOnDemandVideo)
 * @param args.fileName the video's file name: the Representation's BaseURL (percent-encoded), so the MPD plays with
 *   the video beside it
 * @param args.durationMs the presentation's duration, ms (`mediaPresentationDuration`; the job's source duration)
 * @param args.startTimeMs the video's first presentation time, ms (the source's container start time, which
 *   Snapframe's times count from: SPEC "Times")
 * @param args.frameRate the video's frame rate, frames per second, or null (then no `frameRate`)
 * @param args.imageAdaptationSet the thumbnail AdaptationSet (dashAdaptationSet's text), indented into the Period
 * @returns XML text, lines ending with `\n`: `<MPD profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"
 *   type="static">`, one Period with the video AdaptationSet (id 0, Representation id "video", codecs, bandwidth,
 *   width, height, frameRate, `<SegmentBase indexRange timescale presentationTimeOffset>` with
 *   `<Initialization range>`) and the image one. `presentationTimeOffset` is the start time in the sidx timescale
 *   (left out when 0), so that the Period's time 0 is the first frame, the time 0 of Snapframe's thumbnails.
 * Source: ISO/IEC 23009-1 §5.3 (MPD, Period, AdaptationSet, Representation, SegmentBase), §8.3 (on-demand profile);
 *   DASH-IF IOP 4.3 §3.2 (on-demand profile constraints).
 */
export function completeMpd(
  video: OnDemandVideo,
  args: { fileName: string; durationMs: number; startTimeMs: number; frameRate: number | null; imageAdaptationSet: string },
): string {
  const { bandwidth, longestMs } = subsegmentPeak(video);
  const frameRate = mpdFrameRate(args.frameRate);
  const offset = Math.max(0, Math.round((args.startTimeMs * video.timescale) / 1000));
  const pto = offset > 0 ? ` presentationTimeOffset="${offset}"` : '';
  const image = args.imageAdaptationSet
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `    ${line}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011" type="static" mediaPresentationDuration="${isoDuration(args.durationMs)}" minBufferTime="${isoDuration(Math.max(longestMs, 1000))}">`,
    '  <Period id="0" start="PT0S">',
    '    <AdaptationSet id="0" contentType="video" mimeType="video/mp4" subsegmentAlignment="true" subsegmentStartsWithSAP="1">',
    `      <Representation id="video" codecs="${video.codecs}" bandwidth="${bandwidth}" width="${video.width}" height="${video.height}"${frameRate ? ` frameRate="${frameRate}"` : ''}>`,
    `        <BaseURL>${xmlText(encodeURIComponent(args.fileName))}</BaseURL>`,
    `        <SegmentBase indexRange="${video.index.start}-${video.index.end - 1}" timescale="${video.timescale}"${pto}>`,
    `          <Initialization range="0-${video.initEnd - 1}"/>`,
    '        </SegmentBase>',
    '      </Representation>',
    '    </AdaptationSet>',
    ...image,
    '  </Period>',
    '</MPD>',
    '',
  ].join('\n');
}

/**
 * The ffmpeg command that makes a single-file DASH video of `videoName` (video only, a fragment at each keyframe, a
 * global `sidx` after `moov`), named `<base>_dash.mp4`. Source: ffmpeg's mov muxer options `frag_keyframe`,
 * `empty_moov`, `default_base_moof`, `global_sidx`.
 */
export function singleFileDashCommand(videoName: string): string {
  const quote = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
  return `ffmpeg -i ${quote(videoName)} -map 0:v:0 -c:v copy -f mp4 -movflags +frag_keyframe+empty_moov+default_base_moof+global_sidx ${quote(`${videoBaseName(videoName)}_dash.mp4`)}`;
}

/** Why `videoName` is not a single-file DASH video, as the middle of a sentence. */
function whyNot(videoName: string, why: NotOnDemand | { reason: 'remote' }): string {
  switch (why.reason) {
    case 'not-mp4':
      return `${videoName} is not an MP4 file, and a single-file DASH video is a fragmented MP4 with a segment index`;
    case 'no-sidx':
      return `${videoName} has no segment index (sidx box) before its media data: it is a progressive MP4, whose segments a DASH player cannot find`;
    case 'not-fragmented':
      return `${videoName} has a sidx box but is not fragmented (no mvex box in its moov)`;
    case 'tracks':
      return `${videoName} holds ${why.tracks} tracks, and a single-file DASH video holds one (the on-demand profile has one Representation per file)`;
    case 'not-video':
      return `the one track of ${videoName} is not video (handler "${why.handler}")`;
    case 'codec':
      return `the codec string of ${videoName}'s sample entry "${why.sampleEntry}" is not known here (avc1, avc3, hvc1, hev1, vp09 and av01 are)`;
    case 'remote':
      return `${videoName} was read at an address, and its MPD would name it by its file name beside the MPD`;
  }
}

/**
 * The job's note when the complete MPD is not written: why, and what to run to make a single-file DASH video.
 * @param videoName the video's file name
 * @param why readOnDemandVideo's answer, or `remote` for a video read at an address
 * @returns one or two sentences
 */
export function fragmentOnlyNote(videoName: string, why: NotOnDemand | { reason: 'remote' }): string {
  return (
    `DASH: ${DASH_MPD_FILE_NAME} (a complete MPD) was not written, only ${DASH_FRAGMENT_FILE_NAME}, because ${whyNot(videoName, why)}. ` +
    `Paste the adaptation set into your packager's MPD, or make a single-file DASH video with \`${singleFileDashCommand(videoName)}\` and run the job on that file.`
  );
}
