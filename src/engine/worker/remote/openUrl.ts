/**
 * Opens a video at a URL for the engine (WorkerApi `openUrl`): checks the address, then asks the server for one
 * byte to learn the size and whether it answers range requests; an HLS playlist is fetched (a master's chosen variant
 * too) and checked for being a finished (VOD) one whose key, if any, this page can fetch. Nothing else is read.
 */
import { FileUnreadableError, InvalidParameterError, UnsupportedMediaError } from '../../../core/job/errors';
import {
  encryptedPlaylistSentence,
  livePlaylistSentence,
  notPlaylistSentence,
  noRangesSentence,
  unknownSizeSentence,
  WHOLE_READ_LIMIT_BYTES,
} from '../../../core/remote/readFailures';
import { checkUrl, looksLikeHls, remoteName, type HlsVariant, type RemoteVideo } from '../../../core/remote/remoteVideo';
import { hlsKey, hlsPlaylistKind, hlsVariantList } from '../../../core/remote/hlsPlaylist';
import { urlFacts } from './rangeReader';
import { fetchBytes, fetchText } from './fetchText';

/**
 * @param text the address as typed
 * @param variant HLS master playlists: the variant to read (0 = highest bandwidth; past the last: the lowest)
 * @returns the RemoteVideo the engine reads (size bytes; 0 for HLS, with the variants of a master)
 * @throws InvalidParameterError (not an http(s) address), FileUnreadableError (no CORS, 4xx/5xx, no ranges above
 *   the whole-read limit, unknown size, an encryption key that cannot be fetched), UnsupportedMediaError (a live
 *   playlist, a .m3u8 that is not a playlist); every sentence names the URL
 */
export async function openUrl(text: string, variant = 0): Promise<RemoteVideo> {
  const checked = checkUrl(text);
  if (!checked.ok) throw new InvalidParameterError('url', checked.message);
  const { url } = checked;
  const name = remoteName(url);
  if (looksLikeHls(url)) return openPlaylist(url, name, variant);
  const facts = await urlFacts(url);
  if (!facts.ranges && (facts.size === null || facts.size > WHOLE_READ_LIMIT_BYTES)) {
    throw new FileUnreadableError(noRangesSentence(url, facts.size));
  }
  if (facts.size === null) throw new FileUnreadableError(unknownSizeSentence(url));
  return { kind: 'url', url, name, size: facts.size, lastModified: 0, layout: 'progressive' };
}

/**
 * An HLS playlist: a master's variants are listed (highest bandwidth first) and the chosen one's media playlist is
 * fetched; the media playlist must be finished (VOD) and, when encrypted, have a key this page can fetch.
 * @param variant index in bandwidth order; one past the last is the lowest variant
 */
async function openPlaylist(url: string, name: string, variant: number): Promise<RemoteVideo> {
  const text = await fetchText(url);
  const kind = hlsPlaylistKind(text);
  if (kind === 'not-hls') throw new UnsupportedMediaError(notPlaylistSentence(url));
  if (kind !== 'master') {
    await checkMediaPlaylist(url, url, text);
    return { kind: 'url', url, name, size: 0, lastModified: 0, layout: 'hls' };
  }
  const variants = hlsVariantList(text).map((v) => ({ ...v, uri: new URL(v.uri, url).href }));
  if (variants.length === 0) throw new UnsupportedMediaError(notPlaylistSentence(url));
  const chosen = Math.min(Math.max(0, Math.floor(variant)), variants.length - 1);
  const media = (variants[chosen] as HlsVariant).uri;
  await checkMediaPlaylist(url, media, await fetchText(media));
  return { kind: 'url', url, name, size: 0, lastModified: 0, layout: 'hls', variant: chosen, variants };
}

/**
 * A media playlist that can be snapshotted: finished (`#EXT-X-ENDLIST`), and either clear or AES-128 with a key this
 * page can fetch (mediabunny decrypts those segments); DRM methods (SAMPLE-AES) cannot be read here.
 * @param url the address the user gave (named in the sentences); @param media the media playlist's address
 * @throws UnsupportedMediaError (live), FileUnreadableError (a key that cannot be fetched, or DRM)
 */
async function checkMediaPlaylist(url: string, media: string, text: string): Promise<void> {
  if (hlsPlaylistKind(text) !== 'vod') throw new UnsupportedMediaError(livePlaylistSentence(url));
  const key = hlsKey(text);
  if (!key) return;
  if (key.method !== 'AES-128' || !key.uri) throw new FileUnreadableError(encryptedPlaylistSentence(url));
  const keyUrl = new URL(key.uri, media).href;
  const bytes = await fetchBytes(keyUrl).catch(() => null);
  if (!bytes || bytes.byteLength !== 16) throw new FileUnreadableError(encryptedPlaylistSentence(url));
}
