/**
 * The probe: mediabunny first, ffprobe in ffmpeg.wasm
 * only for what mediabunny cannot read or the browser cannot decode (the rule: core/probe/probeChoice.ts probeRoute).
 * Protected video and codecs nobody here decodes are refused from the MP4 boxes before either.
 */
import { checkHeader } from '../../core/damage/headerCheck';
import type { VideoInput } from '../videoInput';
import { InternalError, namingFile, toSnapframeError } from '../../core/job/errors';
import { probeRoute, sourceInfoFromMediabunny, type ProbePreference } from '../../core/probe/probeChoice';
import type { SourceInfo } from '../../core/job/types';
import { mp4Facts, ffprobeFile, refuseFromBoxes } from './sources/ffmpeg/ffprobe';
import type { FfmpegHost } from './sources/ffmpeg/host';
import { packetEnd } from './damage/packetEnd';
import { mediabunnyFacts } from './sources/webcodecs/mediabunnyProbe';

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
  const info = await probeHeader(host, file, how);
  // A video at a URL is checked where that costs a few range requests (damage/packetEnd.ts).
  const packets = await packetEnd(file, info).catch(() => null);
  return packets ? checkHeader(info, packets) : info;
}

async function probeHeader(host: FfmpegHost, file: VideoInput, how: ProbePreference): Promise<SourceInfo> {
  if (how !== 'ffprobe' && file.size > 0) {
    try {
      refuseFromBoxes(file.name, await mp4Facts(file));
    } catch (error) {
      throw namingFile(toSnapframeError(error), file.name);
    }
    const facts = await mediabunnyFacts(file);
    const route = probeRoute(facts, how);
    const info = route.by === 'mediabunny' && facts ? sourceInfoFromMediabunny(facts, file) : null;
    if (info) return info;
    if (how === 'mediabunny') {
      const why = route.by === 'ffprobe' ? route.why : 'its figures do not add up';
      throw new InternalError(`mediabunny cannot probe ${file.name}: ${why}.`);
    }
  }
  return ffprobeFile(host, file);
}
