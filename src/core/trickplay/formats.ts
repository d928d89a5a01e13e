/**
 * The trickplay output of sample and sprite jobs: the seek-preview files the players people watch on read, made from
 * the job's own frames. Names of the formats and of the files each one writes.
 */
import { videoBaseName } from '../output/naming';

/**
 * - `bif`: Roku's Base Index Frames archive (also read by Plex, Emby and Roku channels), one JPEG per time.
 * - `hls`: an HLS image media playlist of the job's sprite sheets (Roku, shaka-player), with the master-playlist line.
 * - `dash`: a DASH thumbnail adaptation set of the sheets (DASH-IF IOP 4.3 §6.2.6), as an MPD fragment, and for a
 *   single-file DASH video (a fragmented MP4 with a `sidx`) a complete MPD of the video and the thumbnails.
 * - `jellyfin`: the sheets in the folder layout Jellyfin 10.9+ reads beside the media.
 */
export type TrickplayFormat = 'bif' | 'hls' | 'dash' | 'jellyfin';

/** Every format, in the order files are written and listed. */
export const TRICKPLAY_FORMATS: readonly TrickplayFormat[] = ['bif', 'hls', 'dash', 'jellyfin'];

/** The formats that are tiles of sprite sheets (mode `sprite` only); `bif` holds single images and works in both modes. */
export const TILE_FORMATS: readonly TrickplayFormat[] = ['hls', 'dash', 'jellyfin'];

/**
 * Reads a list of formats as typed on the command line or stored in a spec.
 *
 * @param text comma- or space-separated names, any case, any subset of `bif,hls,dash,jellyfin` (`all` = every one);
 *   empty = none.
 * @returns the formats in {@link TRICKPLAY_FORMATS} order, without duplicates; or the sentence naming the bad entry.
 */
export function parseTrickplayFormats(text: string): { ok: true; value: TrickplayFormat[] } | { ok: false; message: string } {
  const names = text
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const chosen = new Set<TrickplayFormat>();
  for (const name of names) {
    if (name === 'all') TRICKPLAY_FORMATS.forEach((format) => chosen.add(format));
    else if ((TRICKPLAY_FORMATS as readonly string[]).includes(name)) chosen.add(name as TrickplayFormat);
    else {
      return {
        ok: false,
        message: `Trickplay must be a list of ${TRICKPLAY_FORMATS.join(', ')} (or all), separated by commas; ${JSON.stringify(name)} is not one.`,
      };
    }
  }
  return { ok: true, value: TRICKPLAY_FORMATS.filter((format) => chosen.has(format)) };
}

/** The BIF archive: `<video base>.bif` (Plex and Emby look for the video's name; Roku channels take any URL). */
export function bifFileName(videoName: string): string {
  return `${videoBaseName(videoName)}.bif`;
}

/** The HLS image media playlist (`thumbnails.m3u8`) and the text file with the master-playlist line to paste. */
export const HLS_PLAYLIST_FILE_NAME = 'thumbnails.m3u8';
export const HLS_MASTER_LINE_FILE_NAME = 'thumbnails_master_line.m3u8';

/** The DASH thumbnail adaptation set to paste into a Period (`thumbnails_adaptation_set.mpd`). */
export const DASH_FRAGMENT_FILE_NAME = 'thumbnails_adaptation_set.mpd';

/** The complete MPD of a single-file DASH video with the thumbnails (core/trickplay/dashMpd.ts), beside the video. */
export const DASH_MPD_FILE_NAME = 'manifest.mpd';

/**
 * Where one Jellyfin tile goes: `<video base>.trickplay/<width> - <columns>x<lines>/<index>.jpg`.
 *
 * @param videoName the video's file name; Jellyfin's folder is the file name with its extension changed to
 *   `.trickplay` (PathManager.GetTrickplayDirectory, saveWithMedia), here through {@link videoBaseName}.
 * @param width thumbnail width, px (the folder's first number, TrickplayInfo.Width).
 * @param columns tiles across and down (TrickplayOptions.TileWidth, TileHeight).
 * @param index the tile's index, 0-based (TrickplayManager.CreateTiles names them `{i}.jpg`).
 * Source: jellyfin/jellyfin TrickplayManager.GetTrickplayDirectory (`"{0} - {1}x{2}"`) and its folder regex
 *   `^(\d+) - (\d+)x(\d+)$`.
 */
export function jellyfinTileName(videoName: string, width: number, columns: number, lines: number, index: number): string {
  return `${videoBaseName(videoName)}.trickplay/${width} - ${columns}x${lines}/${index}.jpg`;
}
