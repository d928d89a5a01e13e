/**
 * The HLS image media playlist of a tile track: the thumbnails Roku (OS 9.3+) and shaka-player read beside an HLS
 * video, per the "Image Media Playlist" extension of HLS (image-media-playlist/spec v0.4, Roku's "HLS and DASH"
 * trick mode page): `#EXT-X-IMAGES-ONLY`, one `#EXT-X-TILES` per sheet, and in the master playlist an
 * `#EXT-X-IMAGE-STREAM-INF` line beside the video variants.
 */
import { HLS_PLAYLIST_FILE_NAME } from './formats';
import { peakBandwidth, secondsText, sheetSpan, type TileTrack } from './tileTrack';

/**
 * The image media playlist (`thumbnails.m3u8`).
 *
 * @param track the sheets (at least one), their grid and interval.
 * @returns the playlist text: VOD, version 7, `#EXT-X-TARGETDURATION` the longest sheet rounded up to whole seconds;
 *   per sheet `#EXTINF` (its time span, s), `#EXT-X-TILES:RESOLUTION=<cell w>x<cell h>,LAYOUT=<columns>x<lines>,
 *   DURATION=<interval s>` and its file name; then `#EXT-X-ENDLIST`. Lines end with `\n`.
 * Source: image-media-playlist/spec v0.4 (EXT-X-IMAGES-ONLY, EXT-X-TILES); RFC 8216 §4.3.3.1 (TARGETDURATION).
 */
export function hlsImagePlaylist(track: TileTrack): string {
  const spans = track.sheets.map((_, index) => sheetSpan(track, index));
  const target = Math.max(1, ...spans.map(({ startMs, endMs }) => Math.ceil((endMs - startMs) / 1000)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-IMAGES-ONLY',
  ];
  track.sheets.forEach((sheet, index) => {
    const { startMs, endMs } = spans[index] as { startMs: number; endMs: number };
    lines.push(
      `#EXTINF:${secondsText(endMs - startMs)},`,
      `#EXT-X-TILES:RESOLUTION=${track.cellWidth}x${track.cellHeight},LAYOUT=${track.columns}x${track.lines},DURATION=${secondsText(track.intervalMs)}`,
      sheet.name,
    );
  });
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/**
 * The master-playlist line to paste beside the video variants (`#EXT-X-STREAM-INF`).
 *
 * @param track as {@link hlsImagePlaylist}.
 * @param uri the image playlist's URI relative to the master playlist; default `thumbnails.m3u8`.
 * @returns `#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=<peak bit/s>,RESOLUTION=<cell w>x<cell h>,CODECS="jpeg",URI="<uri>"`
 *   and `\n` (RESOLUTION is one thumbnail's, as Roku's example and shaka-player read it).
 * Source: image-media-playlist/spec v0.4 (EXT-X-IMAGE-STREAM-INF).
 */
export function hlsImageStreamInf(track: TileTrack, uri = HLS_PLAYLIST_FILE_NAME): string {
  return `#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=${peakBandwidth(track)},RESOLUTION=${track.cellWidth}x${track.cellHeight},CODECS="jpeg",URI="${uri}"\n`;
}
