/**
 * The probe: mediabunny first, ffprobe in ffmpeg.wasm
 * only for what mediabunny cannot read or the browser cannot decode (the rule: core/probe/probeChoice.ts probeRoute);
 * an HLS stream by mediabunny only.
 * Protected video and codecs nobody here decodes are refused from the MP4 boxes before either.
 */
import { checkHeader } from '../../core/damage/headerCheck';
import type { VideoInput } from '../videoInput';
import { isRemote, type RemoteVideo } from '../../core/remote/remoteVideo';
import { hlsNoVideoSentence, hlsUndecodableSentence } from '../../core/remote/readFailures';
import { InternalError, namingFile, toSnapframeError, UnsupportedMediaError } from '../../core/job/errors';
import { FFPROBE_CODECS, probeRoute, sourceInfoFromMediabunny, type ProbePreference } from '../../core/probe/probeChoice';
import { ffmpegWasmLacks, undecodableCodecSentence, webCodecsCandidate } from '../../core/decode/decoderChoice';
import type { SourceInfo } from '../../core/job/types';
import { mp4Facts, ffprobeFile, refuseFromBoxes } from './sources/ffmpeg/ffprobe';
import type { FfmpegHost } from './sources/ffmpeg/host';
import { packetEnd } from './damage/packetEnd';
import { mediabunnyFacts } from './sources/webcodecs/mediabunnyProbe';
import { readInterlacing } from './interlacing';

/**
 * Probes a file.
 * @param how `auto`: mediabunny where the rule allows, else ffprobe; `ffprobe` or `mediabunny` forced (tests,
 *   `?probe=`; `mediabunny` fails with InternalError for a file it cannot probe)
 * @returns display geometry, duration (ms), codec, frame rate… (SourceInfo), the same from either probe; a duration
 *   or frame count that the file's packets contradict is replaced by theirs (`headerCheck` says so: damage/packetEnd.ts)
 * @throws what core/probe/probeInfo.ts and sources/ffmpeg/ffprobe.ts throw (UnsupportedMedia for empty, protected,
 *   undecodable or non-video files, FileUnreadable, InternalError); every message names the file
 */
export async function probeFile(host: FfmpegHost, file: VideoInput, how: ProbePreference): Promise<SourceInfo> {
  const { info, viaFfprobe } = await probeHeader(host, file, how);
  // A video at a URL is checked where that costs a few range requests (damage/packetEnd.ts); an HLS playlist is not.
  const packets = isRemote(file) && file.layout === 'hls' ? null : await packetEnd(file, info).catch(() => null);
  const checked = packets ? checkHeader(info, packets) : info;
  const interlacing = await readInterlacing(host, file, checked, viaFfprobe).catch(() => null);
  return interlacing ? { ...checked, interlacing } : checked;
}

async function probeHeader(host: FfmpegHost, file: VideoInput, how: ProbePreference): Promise<{ info: SourceInfo; viaFfprobe: boolean }> {
  if (isRemote(file) && file.layout === 'hls') return { info: await probeHls(file), viaFfprobe: false };
  if (how !== 'ffprobe' && file.size > 0) {
    try {
      refuseFromBoxes(file.name, await mp4Facts(file));
    } catch (error) {
      throw namingFile(toSnapframeError(error), file.name);
    }
    const facts = await mediabunnyFacts(file);
    // A codec only the browser decodes (AV1), which the browser refuses: nothing here decodes it, and ffmpeg.wasm would
    // crash on it ("table index is out of bounds"), so the sentence comes before ffprobe is asked.
    const lacking = facts?.videoCodec ? ffmpegWasmLacks(FFPROBE_CODECS[facts.videoCodec]?.name ?? '') : null;
    if (facts && lacking && !facts.browserDecodes) {
      throw new UnsupportedMediaError(
        undecodableCodecSentence(lacking, file.name, `this browser's VideoDecoder does not support this ${lacking} stream`),
      );
    }
    const route = probeRoute(facts, how);
    const info = route.by === 'mediabunny' && facts ? sourceInfoFromMediabunny(facts, file) : null;
    if (info) return { info, viaFfprobe: false };
    if (how === 'mediabunny') {
      const why = route.by === 'ffprobe' ? route.why : 'its figures do not add up';
      throw new InternalError(`mediabunny cannot probe ${file.name}: ${why}.`);
    }
  }
  const info = await ffprobeFile(host, file);
  // ffprobe read it, but only the browser's decoder could decode it, and mediabunny, which feeds that decoder, does
  // not read this container.
  const lacking = ffmpegWasmLacks(info.codec);
  if (lacking && !webCodecsCandidate(info)) {
    const why = `Snapframe feeds it from MP4, MOV, WebM, MKV or MPEG-TS files, and this file is ${info.container}`;
    const remedy = `Remux it to MP4 or WebM (e.g. ffmpeg -i ${file.name} -c copy out.mp4) and try again.`;
    throw new UnsupportedMediaError(undecodableCodecSentence(lacking, file.name, why, remedy));
  }
  return { info, viaFfprobe: true };
}

/**
 * An HLS stream is probed by mediabunny alone: ffmpeg.wasm cannot fetch a playlist's segments (it has no network of
 * its own), so neither its ffprobe nor its decoder can stand in.
 * @throws UnsupportedMediaError naming the URL (not readable as HLS, no video, a codec this browser cannot decode)
 */
async function probeHls(file: RemoteVideo): Promise<SourceInfo> {
  const facts = await mediabunnyFacts(file);
  if (!facts || !facts.hasVideo) throw new UnsupportedMediaError(hlsNoVideoSentence(file.url));
  const route = probeRoute(facts, 'auto');
  const info = route.by === 'mediabunny' ? sourceInfoFromMediabunny(facts, file) : null;
  if (info) return info;
  const codec = FFPROBE_CODECS[facts.videoCodec ?? '']?.name ?? facts.videoCodec;
  if (!facts.browserDecodes) throw new UnsupportedMediaError(hlsUndecodableSentence(file.url, codec));
  throw new UnsupportedMediaError(
    `${file.url}: this HLS stream cannot be read here: ${route.by === 'ffprobe' ? route.why : 'its figures do not add up'}.`,
  );
}
