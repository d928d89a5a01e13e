/**
 * The one place that turns what the engine reads (a File or a URL: core/remote/remoteVideo.ts) into bytes: a
 * mediabunny Source for the demuxers, and plain range reads for the box parsers (MP4 timing, protection checks).
 * A File is sliced (BlobSource, no copy); a progressive URL is read by exact HTTP ranges (rangeReader.ts); an HLS
 * playlist goes through mediabunny's UrlSource (it fetches the playlists and the segments that hold the times asked
 * for) with the same request options and byte counting.
 */
import { BlobSource, CustomSource, UrlSource, type Input, type InputVideoTrack, type Source } from 'mediabunny';
import { FileUnreadableError } from '../../../core/job/errors';
import { encryptedPlaylistSentence, RANGE_RETRIES, retryDelayMs } from '../../../core/remote/readFailures';
import { isRemote } from '../../../core/remote/remoteVideo';
import { pictAsVide, pictureHandlerOffsets, readMp4Timing } from '../../../core/mp4/mp4Timing';
import type { VideoInput } from '../../videoInput';
import { countBytes } from './bytesTally';
import { rangeReader, REQUEST_INIT } from './rangeReader';

/**
 * mediabunny's reads of a URL are rounded out to 64 KiB pages (its `fileSystem` prefetch profile) so that the
 * demuxer's many small header reads cost a few requests, not hundreds; nothing is read ahead beyond that.
 */
const URL_PREFETCH = 'fileSystem' as const;
/** The cache of those pages, bytes. */
const URL_CACHE_BYTES = 16 * 1024 * 1024;

/** A fetch that counts the body bytes it receives (a proxy of the Response, so url, type and redirected stay true). */
function countingFetch(url: string): typeof fetch {
  return async (resource, init) => {
    const response = await fetch(resource, { ...init, ...REQUEST_INIT });
    let counted: ReadableStream<Uint8Array> | null = null;
    const body = () => {
      if (counted || !response.body) return counted ?? response.body;
      counted = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            countBytes(url, chunk.byteLength);
            controller.enqueue(chunk);
          },
        }),
      );
      return counted;
    };
    const whole = () => new Response(body(), { headers: response.headers, status: response.status });
    return new Proxy(response, {
      get(target, property) {
        if (property === 'body') return body();
        if (property === 'arrayBuffer') return () => whole().arrayBuffer();
        if (property === 'text') return () => whole().text();
        if (property === 'bytes') return () => whole().bytes();
        if (property === 'blob') return () => whole().blob();
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
}

/**
 * The mediabunny Source of an input.
 * @param fileOptions BlobSource options for a File (e.g. `useStreamReader: false`)
 */
export function mediabunnySource(input: VideoInput, fileOptions: { useStreamReader?: boolean } = {}): Source {
  if (!isRemote(input)) return isAvif(input) ? avifSequenceSource(input) : new BlobSource(input, fileOptions);
  if (input.layout === 'hls') {
    return new UrlSource(input.url, {
      requestInit: REQUEST_INIT,
      fetchFn: countingFetch(input.url),
      // A lost connection is asked again RANGE_RETRIES times (then mediabunny's error, which sourceError names).
      getRetryDelay: (attempts) => (attempts <= RANGE_RETRIES ? retryDelayMs(attempts) / 1000 : null),
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

/**
 * The video track to decode: for an HLS master playlist the chosen variant (`input.variant`, 0 = the highest
 * bandwidth), else mediabunny's primary video track.
 */
export async function videoTrackOf(media: Input, input: VideoInput): Promise<InputVideoTrack | null> {
  if (!isRemote(input) || input.layout !== 'hls') return media.getPrimaryVideoTrack();
  const tracks = await hlsVariants(media);
  return tracks[Math.min(input.variant ?? 0, tracks.length - 1)] ?? null;
}

/** An HLS input's video tracks (one per variant), highest bandwidth first. */
export async function hlsVariants(media: Input): Promise<InputVideoTrack[]> {
  const tracks = await media.getVideoTracks();
  const rated = await Promise.all(tracks.map(async (track) => ({ track, bitrate: (await track.getBitrate().catch(() => null)) ?? 0 })));
  return rated.sort((a, b) => b.bitrate - a.bitrate).map((r) => r.track);
}

/** The sentence for an HLS read that failed on a key (mediabunny fetches `#EXT-X-KEY` URIs for AES-128). */
export function hlsKeyError(url: string): FileUnreadableError {
  return new FileUnreadableError(encryptedPlaylistSentence(url));
}
