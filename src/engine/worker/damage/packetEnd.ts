/**
 * Where a file's video packets really end, read cheaply for the probe's header check (core/damage/headerCheck.ts):
 * MP4/MOV from the sample tables of `moov` against the file size (core/damage/mp4DataEnd.ts: no media data read);
 * other containers mediabunny reads (fragmented MP4, Matroska, WebM, MPEG-TS) from the last packet of the video
 * track (`getPacket(Infinity)`: the index, or the last fragment or cluster), within a time limit sized by the file.
 */
import { ALL_FORMATS, BlobSource, EncodedPacketSink, Input } from 'mediabunny';
import type { PacketEnd } from '../../../core/damage/headerCheck';
import { readMp4DataEnd } from '../../../core/damage/mp4DataEnd';
import type { SourceInfo } from '../../../core/job/types';

const fileReader = (file: File) => async (offset: number, length: number) =>
  new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());

/**
 * How long the last-packet read may take, ms: 2 s plus 1 s per 50 MB (reading an index or the last cluster touches
 * little; a demuxer that has to walk the file is given up on rather than waited for: the check is then not made).
 */
export function lastPacketLimitMs(bytes: number): number {
  return 2000 + (bytes / 50e6) * 1000;
}

async function withinLimit<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([work.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The last video packet's end, ms on the SPEC clock, by mediabunny; null when it cannot tell in time. */
async function lastPacketEnd(file: File, info: SourceInfo): Promise<PacketEnd | null> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const read = async (): Promise<PacketEnd | null> => {
      const track = await input.getPrimaryVideoTrack();
      if (!track) return null;
      const last = await new EncodedPacketSink(track).getPacket(Infinity, { metadataOnly: true });
      if (!last) return null;
      const endMs = (last.timestamp + last.duration) * 1000 - info.startTimeMs;
      return { endMs, dataEndMs: null, presentShare: null, frameCount: null };
    };
    return await withinLimit(read(), lastPacketLimitMs(file.size));
  } finally {
    input.dispose();
  }
}

/**
 * What the packets say about the video's end (see the module comment).
 * @returns the figures, or null when no cheap read tells (the header is then kept as it is)
 */
export async function packetEnd(file: File, info: SourceInfo): Promise<PacketEnd | null> {
  if (info.container.startsWith('mov,mp4')) {
    const tables = await readMp4DataEnd(fileReader(file), file.size).catch(() => null);
    if (tables) {
      return {
        endMs: tables.indexedEndMs,
        dataEndMs: tables.dataEndMs,
        presentShare: tables.indexedBytes > 0 ? Math.min(1, file.size / tables.indexedBytes) : null,
        frameCount: tables.presentSamples < tables.videoSamples ? tables.presentSamples : null,
      };
    }
  }
  return lastPacketEnd(file, info);
}
