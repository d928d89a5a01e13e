/**
 * Opens a video at a URL for the engine (WorkerApi `openUrl`): checks the address, then asks the server for one
 * byte to learn the size and whether it answers range requests; an HLS playlist is fetched and checked for being a
 * finished (VOD) one. Nothing else is read.
 */
import { FileUnreadableError, InvalidParameterError, UnsupportedMediaError } from '../../../core/job/errors';
import { livePlaylistSentence, noRangesSentence, unknownSizeSentence, WHOLE_READ_LIMIT_BYTES } from '../../../core/remote/readFailures';
import { checkUrl, looksLikeHls, remoteName, type RemoteVideo } from '../../../core/remote/remoteVideo';
import { hlsPlaylistKind } from '../../../core/remote/hlsPlaylist';
import { urlFacts } from './rangeReader';
import { fetchText } from './fetchText';

/**
 * @param text the address as typed
 * @param variant HLS master playlists: the variant to read (0 = highest bandwidth)
 * @returns the RemoteVideo the engine reads (size bytes; 0 for HLS)
 * @throws InvalidParameterError (not an http(s) address), FileUnreadableError (no CORS, 4xx/5xx, no ranges above
 *   the whole-read limit, unknown size), UnsupportedMediaError (a live playlist); every sentence names the URL
 */
export async function openUrl(text: string, variant = 0): Promise<RemoteVideo> {
  const checked = checkUrl(text);
  if (!checked.ok) throw new InvalidParameterError('url', checked.message);
  const { url } = checked;
  const name = remoteName(url);
  if (looksLikeHls(url)) {
    const playlist = await fetchText(url);
    const kind = hlsPlaylistKind(playlist);
    if (kind === 'live') throw new UnsupportedMediaError(livePlaylistSentence(url));
    if (kind === 'master') await checkVariantsFinished(url, playlist);
    return { kind: 'url', url, name, size: 0, lastModified: 0, layout: 'hls', variant };
  }
  const facts = await urlFacts(url);
  if (!facts.ranges && (facts.size === null || facts.size > WHOLE_READ_LIMIT_BYTES)) {
    throw new FileUnreadableError(noRangesSentence(url, facts.size));
  }
  if (facts.size === null) throw new FileUnreadableError(unknownSizeSentence(url));
  return { kind: 'url', url, name, size: facts.size, lastModified: 0, layout: 'progressive' };
}

/** A master playlist's first variant decides whether the stream is live (they all are, or none). */
async function checkVariantsFinished(url: string, master: string): Promise<void> {
  const first = master.split(/\r?\n/).find((line) => line.trim() && !line.startsWith('#'));
  if (!first) return;
  const media = new URL(first.trim(), url).href;
  if (hlsPlaylistKind(await fetchText(media)) === 'live') throw new UnsupportedMediaError(livePlaylistSentence(url));
}
