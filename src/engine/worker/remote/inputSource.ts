/**
 * The one place that turns what the engine reads (a File or a URL: core/remote/remoteVideo.ts) into bytes: a
 * mediabunny Source for the demuxers, and plain range reads for the box parsers (MP4 timing, protection checks).
 * A File is sliced (BlobSource, no copy); a progressive URL is read by exact HTTP ranges (rangeReader.ts); an HLS
 * playlist goes through mediabunny's UrlSource (it fetches the playlists and the segments that hold the times asked
 * for) through segmentFetch.ts: the same request options, retries and byte counting.
 */
import { BlobSource, CustomSource, UrlSource, type Input, type InputVideoTrack, type Source } from 'mediabunny';
import { FileUnreadableError } from '../../../core/job/errors';
import { isRemote, type RemoteVideo } from '../../../core/remote/remoteVideo';
import { pictAsVide, pictureHandlerOffsets, readMp4Timing } from '../../../core/mp4/mp4Timing';
import type { VideoInput } from '../../videoInput';
import { segmentFetch } from './segmentFetch';
import { rangeReader, REQUEST_INIT } from './rangeReader';

/**
 * mediabunny's reads of a URL are rounded out to 64 KiB pages (its `fileSystem` prefetch profile) so that the
 * demuxer's many small header reads cost a few requests, not hundreds; nothing is read ahead beyond that.
 */
const URL_PREFETCH = 'fileSystem' as const;
/** The cache of those pages, bytes. */
const URL_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The mediabunny Source of an input.
 * @param fileOptions BlobSource options for a File (e.g. `useStreamReader: false`)
 */
export function mediabunnySource(input: VideoInput, fileOptions: { useStreamReader?: boolean } = {}): Source {
  if (!isRemote(input)) return isAvif(input) ? avifSequenceSource(input) : new BlobSource(input, fileOptions);
  if (input.layout === 'hls') {
    // A master's chosen variant is read through its own media playlist: mediabunny then never touches the others.
    return new UrlSource(hlsMediaUrl(input), {
      requestInit: REQUEST_INIT,
      // Retries, resumes and counting are segmentFetch's; mediabunny's own would neither count nor give up.
      fetchFn: segmentFetch(input.url),
      getRetryDelay: () => null,
    });
  }
  const reader = rangeReader(input.url, input.size);
  return new CustomSource({
    getSize: () => input.size,
    read: (start, end) => reader.read(start, end - start),
    prefetchProfile: URL_PREFETCH,
    maxCacheSize: URL_CACHE_BYTES,
  });
}

/** An AVIF file, by its name (`.avif`, `.avifs`) or type (`image/avif`, `image/avif-sequence`). */
function isAvif(file: File): boolean {
  return /\.avifs?$/i.test(file.name) || /^image\/avif/i.test(file.type);
}

/**
 * An AVIF file as mediabunny reads it: an image sequence (brand `avis`) holds its AV1 frames in a track whose handler
 * is `pict`, which mediabunny does not take for video (it finds no video track); the handler's bytes are read as `vide`
 * (core/mp4/mp4Timing.ts pictAsVide), and the file is otherwise an ordinary MP4 to it. The file is sliced as a
 * BlobSource would (no copy); its boxes are read once, at the first read.
 */
function avifSequenceSource(file: File): Source {
  const slice = async (offset: number, length: number) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
  let offsets: Promise<number[]> | null = null;
  const pictHandlers = () => (offsets ??= readMp4Timing(slice, file.size).then(pictureHandlerOffsets, () => []));
  return new CustomSource({
    getSize: () => file.size,
    read: async (start, end) => pictAsVide(await slice(start, end - start), start, await pictHandlers()),
    prefetchProfile: 'fileSystem',
  });
}

/**
 * Bytes [offset, offset + length) of an input (a File slice, or a range request).
 * @throws FileUnreadableError (URL reads: rangeReader.ts sentences)
 */
export async function readInputBytes(input: VideoInput, offset: number, length: number): Promise<Uint8Array> {
  if (!isRemote(input)) return new Uint8Array(await input.slice(offset, offset + length).arrayBuffer());
  if (input.layout === 'hls') throw new FileUnreadableError(`${input.url} is an HLS playlist: it has no byte ranges of its own.`);
  return rangeReader(input.url, input.size).read(offset, length);
}

/** The media playlist an HLS input is read from: a master's chosen variant, else the playlist itself. */
export function hlsMediaUrl(input: RemoteVideo): string {
  return input.variants?.[input.variant ?? 0]?.uri ?? input.url;
}

/** The video track to decode: mediabunny's primary video track (an HLS master is read through one variant). */
export async function videoTrackOf(media: Input, _input: VideoInput): Promise<InputVideoTrack | null> {
  return media.getPrimaryVideoTrack();
}
