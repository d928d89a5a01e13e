/**
 * What mediabunny reads of a file for the probe (core/probe/probeChoice.ts MediabunnyFacts): container family, tracks,
 * codec, sizes, rotation, pixel aspect, first timestamps, declared duration, and whether the browser's VideoDecoder
 * takes the video; for MP4/MOV also the timing boxes (core/mp4/mp4Timing.ts). Reads only headers and indexes through
 * `File.slice` (BlobSource) or range requests, never decodes, and needs no ffmpeg.wasm. An HLS playlist is read through
 * its playlists and first segment (duration from #EXTINF, frame rate from the first frames).
 */
import type { VideoInput } from '../../../videoInput';
import { mediabunnySource, readInputBytes, videoTrackOf } from '../../remote/inputSource';
import { ALL_FORMATS, HlsInputFormat, Input, IsobmffInputFormat, MatroskaInputFormat } from 'mediabunny';
import { sourceColorFromWebCodecs } from '../../../../core/color/hdr/colorInfo';
import { opusCodecDelaySec, type MediabunnyFacts } from '../../../../core/probe/probeChoice';
import { readMp4Timing } from '../../../../core/mp4/mp4Timing';
import { FileUnreadableError } from '../../../../core/job/errors';

/** Frames read to find an HLS stream's frame rate: 2 s at 24 fps, so one segment of the usual 2-6 s. */
const HLS_RATE_PACKETS = 48;

const fileReader = (file: VideoInput) => (offset: number, length: number) => readInputBytes(file, offset, length);

/**
 * Reads a file's facts with mediabunny.
 * @returns the facts, or null when mediabunny cannot read the file at all (not a container it knows, cut-off header)
 */
export async function mediabunnyFacts(file: VideoInput): Promise<MediabunnyFacts | null> {
  const input = new Input({ source: mediabunnySource(file), formats: ALL_FORMATS });
  try {
    const format = await input.getFormat();
    const family =
      format instanceof IsobmffInputFormat
        ? 'isobmff'
        : format instanceof MatroskaInputFormat
          ? 'matroska'
          : format instanceof HlsInputFormat
            ? 'hls'
            : 'other';
    const video = (await videoTrackOf(input, file)) ?? undefined;
    const audio = await input.getAudioTracks();
    const facts: MediabunnyFacts = {
      family,
      videoCodec: null,
      hasVideo: video !== undefined,
      hasAudio: audio.length > 0,
      browserDecodes: false,
      codedWidth: 0,
      codedHeight: 0,
      rotation: 0,
      pixelAspect: [1, 1],
      firstTimestampsSec: [],
      declaredDurationSec: null,
      frameRate: null,
      mp4: null,
    };
    if (!video) return facts;
    const pixelAspect = await video.getPixelAspectRatio();
    Object.assign(facts, {
      videoCodec: await video.getCodec(),
      browserDecodes: typeof VideoDecoder !== 'undefined' && (await video.canDecode()),
      codedWidth: await video.getCodedWidth(),
      codedHeight: await video.getCodedHeight(),
      rotation: await video.getRotation(),
      pixelAspect: [pixelAspect.num, pixelAspect.den],
      firstTimestampsSec: await Promise.all([video, ...audio].map((t) => t.getFirstTimestamp().catch(() => Number.NaN))),
      // Colours for HDR tone mapping: the declared colour space and the bit depth of the codec string.
      color: sourceColorFromWebCodecs(await video.getColorSpace(), await video.getCodecParameterString().catch(() => null)),
    });
    if (family === 'matroska') {
      // FFmpeg's Matroska demuxer moves Opus tracks earlier by their CodecDelay (the pre-skip); mediabunny does not.
      for (const [i, track] of audio.entries()) {
        if ((await track.getCodec()) !== 'opus') continue;
        const config = await track.getDecoderConfig().catch(() => null);
        const d = config?.description;
        const head = !d ? null : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d);
        facts.firstTimestampsSec[i + 1] = (facts.firstTimestampsSec[i + 1] as number) - opusCodecDelaySec(head);
      }
    }
    if (family === 'hls') {
      // The playlist's #EXTINF durations; the frame rate from the first segment's frames only (a few seconds).
      facts.declaredDurationSec = await input.getDurationFromMetadata();
      const metrics = await video.computeFrameRateMetrics({ targetPacketCount: HLS_RATE_PACKETS });
      facts.frameRate = metrics.underlyingFrameRate ?? metrics.bestGuessFrameRate;
    } else if (family === 'matroska') {
      facts.declaredDurationSec = await input.getDurationFromMetadata();
      const metrics = await video.computeFrameRateMetrics();
      facts.frameRate = metrics.underlyingFrameRate ?? metrics.bestGuessFrameRate;
    } else if (family === 'isobmff') {
      facts.mp4 = await readMp4Timing(fileReader(file), file.size).catch(() => null);
    }
    return facts;
  } catch (error) {
    // A URL that cannot be read says why; any other failure means mediabunny cannot read this container.
    if (error instanceof FileUnreadableError) throw error;
    return null;
  } finally {
    input.dispose();
  }
}
