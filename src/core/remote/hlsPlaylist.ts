/**
 * What an HLS playlist is (RFC 8216): a master playlist lists variants (`#EXT-X-STREAM-INF`); a media playlist lists
 * segments and is finished (VOD) when it has `#EXT-X-ENDLIST` (§4.3.3.4) or `#EXT-X-PLAYLIST-TYPE:VOD`, live otherwise.
 */

/** `master`, `vod` (a finished media playlist), `live` (a media playlist that may still grow), or `not-hls`. */
export type HlsPlaylistKind = 'master' | 'vod' | 'live' | 'not-hls';

/** Reads the kind of a playlist from its text. */
export function hlsPlaylistKind(text: string): HlsPlaylistKind {
  if (!text.trimStart().startsWith('#EXTM3U')) return 'not-hls';
  if (/^#EXT-X-STREAM-INF/m.test(text)) return 'master';
  if (/^#EXT-X-ENDLIST/m.test(text) || /^#EXT-X-PLAYLIST-TYPE:\s*VOD/m.test(text)) return 'vod';
  return 'live';
}

/** The variants of a master playlist, highest bandwidth first: bandwidth bits/s, resolution when given, and URI. */
export function hlsVariantList(text: string): Array<{ bandwidth: number; resolution: string | null; uri: string }> {
  const lines = text.split(/\r?\n/);
  const out: Array<{ bandwidth: number; resolution: string | null; uri: string }> = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF')) return;
    const uri = lines.slice(i + 1).find((l) => l.trim() && !l.startsWith('#'));
    if (!uri) return;
    const bandwidth = Number(/BANDWIDTH=(\d+)/.exec(line)?.[1] ?? 0);
    const resolution = /RESOLUTION=(\d+x\d+)/.exec(line)?.[1] ?? null;
    out.push({ bandwidth, resolution, uri: uri.trim() });
  });
  return out.sort((a, b) => b.bandwidth - a.bandwidth);
}

/** The first encryption key a media playlist names (RFC 8216 §4.3.2.4 `#EXT-X-KEY`), or null when none encrypts. */
export interface HlsKey {
  /** `AES-128` (whole segments; mediabunny decrypts them with the key it fetches), `SAMPLE-AES`, `SAMPLE-AES-CTR` (DRM). */
  method: string;
  /** The key's address as written (relative to the playlist), or null when the tag has none. */
  uri: string | null;
}

/**
 * The first `#EXT-X-KEY` of a media playlist whose METHOD is not NONE.
 * @returns the method and key URI, or null when the segments are not encrypted
 */
export function hlsKey(text: string): HlsKey | null {
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#EXT-X-KEY:')) continue;
    const method = /METHOD=([A-Z0-9-]+)/.exec(line)?.[1] ?? 'NONE';
    if (method === 'NONE') continue;
    return { method, uri: /URI="([^"]*)"/.exec(line)?.[1] ?? null };
  }
  return null;
}
