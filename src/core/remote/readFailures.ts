/**
 * The sentences for a video at a URL that cannot be read, one per cause, each naming the URL (docs/URLS.md). The
 * engine's reader (engine/worker/remote/rangeReader.ts) throws them as FileUnreadableError, a live playlist as
 * UnsupportedMediaError.
 */

/** A server that ignores range requests is read whole only up to this size, bytes (64 MiB), held in memory once per worker. */
export const WHOLE_READ_LIMIT_BYTES = 64 * 1024 * 1024;

/** How many times one range is asked for again after a lost connection or a 5xx answer, before the job fails. */
export const RANGE_RETRIES = 3;

/** The wait before retry `attempt` (1, 2, 3…) of a range, ms: 250, 500, 1000 (doubling). */
export function retryDelayMs(attempt: number): number {
  return 250 * 2 ** Math.max(0, attempt - 1);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** fetch() rejected with no answer from a server that is reachable: the browser hides the answer for lack of CORS. */
export function noCorsSentence(url: string): string {
  return (
    `${url} cannot be read from this page: the server does not allow other sites to read it (no CORS header ` +
    `Access-Control-Allow-Origin for this page's origin), or it cannot be reached. Allow this page's origin on the ` +
    `server (with the Range header), or download the video and choose the file.`
  );
}

/** An HTTP answer other than 200/206. `status`: the HTTP status code. */
export function statusSentence(url: string, status: number): string {
  if (status === 404 || status === 410) return `${url} was not found on its server (HTTP ${status}): check the address.`;
  if (status === 401 || status === 403) {
    return (
      `${url} was refused by its server (HTTP ${status}): the address may need a signature, or it has expired. ` +
      `Snapframe sends no cookies or credentials; give a signed or public address.`
    );
  }
  if (status === 416)
    return `${url}: the server refused the byte range asked for (HTTP 416); the video may have changed while it was read.`;
  return `${url} could not be read: its server answered HTTP ${status}.`;
}

/**
 * A server that answered a range request with the whole file (200), for a file over {@link WHOLE_READ_LIMIT_BYTES}.
 * @param size the file size the server gave, bytes, or null when it gave none
 */
export function noRangesSentence(url: string, size: number | null): string {
  const whole = size === null ? 'of unknown size' : `of ${mb(size)}`;
  return (
    `${url} cannot be read in parts: its server does not answer range requests (it sent the whole file for a part). ` +
    `Such a video is read whole only up to ${mb(WHOLE_READ_LIMIT_BYTES)}; this one is ${whole}. Enable range ` +
    `requests on the server (Accept-Ranges: bytes), or download the video and choose the file.`
  );
}

/** The note for the manifest when a server without range support had a small enough file to be read whole. */
export function readWholeNote(url: string, size: number): string {
  return `${url}: the server does not answer range requests, so the video (${mb(size)}) was read whole.`;
}

/** The connection was lost (or the server answered 5xx) and every retry of the range failed. */
export function connectionLostSentence(url: string, attempts: number): string {
  return (
    `The connection to ${url} was lost while reading the video, and ${attempts} attempts failed. The images made ` +
    `before are kept; try the job again.`
  );
}

/** A playlist with no `#EXT-X-ENDLIST` (a live stream). */
export function livePlaylistSentence(url: string): string {
  return `${url} is a live HLS playlist (it has no #EXT-X-ENDLIST): only finished (VOD) playlists can be snapshotted.`;
}

/** An address ending in .m3u8 whose answer is not an HLS playlist (no #EXTM3U, or a master without variants). */
export function notPlaylistSentence(url: string): string {
  return `${url} is not an HLS playlist (it does not start with #EXTM3U, or lists no variants): check the address.`;
}

/** An HLS playlist mediabunny cannot read, or whose segments hold no video. */
export function hlsNoVideoSentence(url: string): string {
  return `${url}: no video could be read from this HLS playlist's segments (MPEG-TS or fragmented MP4 with a video track are read).`;
}

/**
 * An HLS stream whose video this browser cannot decode. Only the browser's decoders read HLS here: ffmpeg.wasm has no
 * network of its own (its HLS demuxer opens each segment by URL, which the sandboxed build cannot), so there is no
 * second decoder to fall back on.
 * @param codec the video codec as ffprobe names it, e.g. `mpeg2video`, or null when it is not known
 */
export function hlsUndecodableSentence(url: string, codec: string | null): string {
  const what = codec ?? 'a codec Snapframe does not know';
  return (
    `${url}: this browser cannot decode the stream's video (${what}), and HLS is read only through the browser's ` +
    `decoders (ffmpeg.wasm cannot fetch a playlist's segments). Try another variant` +
    `${codec ? `, or a browser that decodes ${codec}` : ''}.`
  );
}

/** An HLS job that came to ffmpeg.wasm (the browser's decoder failed on it, or ffmpeg.wasm was asked for). */
export function hlsWithoutFfmpegSentence(url: string): string {
  return (
    `${url}: ffmpeg.wasm cannot read HLS playlists (it cannot fetch their segments), so only the browser's decoder ` +
    `reads this stream, and it could not here. Try another variant, or download the video and choose the file.`
  );
}

/** A playlist whose segments are encrypted with a key the page could not fetch. */
export function encryptedPlaylistSentence(url: string): string {
  return (
    `${url} is an encrypted HLS playlist (#EXT-X-KEY) whose key this page cannot fetch (no CORS, or a key server ` +
    `that needs credentials, or DRM such as SAMPLE-AES/FairPlay): it cannot be snapshotted here.`
  );
}

/** A response whose length did not match the range asked for (a proxy cut it short). */
export function shortRangeSentence(url: string, asked: number, got: number): string {
  return `${url}: the server sent ${got} bytes for a range of ${asked}; the video may have changed while it was read.`;
}

/** A server that answers ranges but hides the size from this page (Content-Range not exposed, no HEAD length). */
export function unknownSizeSentence(url: string): string {
  return (
    `${url}: the server does not tell this page the video's size. Expose Content-Range to other sites ` +
    `(Access-Control-Expose-Headers: Content-Range) or answer HEAD requests with Content-Length.`
  );
}
