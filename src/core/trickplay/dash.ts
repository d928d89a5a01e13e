/**
 * The DASH thumbnail adaptation set of a tile track, per DASH-IF IOP 4.3 §6.2.6 "Tiles of thumbnails": an
 * AdaptationSet with contentType `image`, mimeType `image/jpeg`, one Representation whose width and height are a
 * whole sheet's, an EssentialProperty `http://dashif.org/thumbnail_tile` with the grid `<columns>x<lines>`, and a
 * SegmentTemplate with one segment (sheet) per `duration`. Roku (OS 9.3+) and shaka-player read it.
 */
import { peakBandwidth, type TileTrack } from './tileTrack';

/** The DASH-IF scheme of tiled thumbnails (IOP 4.3 §6.2.6). */
export const THUMBNAIL_TILE_SCHEME = 'http://dashif.org/thumbnail_tile';

/**
 * The sheets' file name as a SegmentTemplate `media` pattern: the sheet number's zero padding becomes `$Number%0Nd$`
 * (`sprite_000.jpg` → `sprite_$Number%03d$.jpg`), so that segment k is sheet k with `startNumber` 0.
 * @throws RangeError when the first sheet's name has no number.
 */
export function mediaPattern(firstSheetName: string): string {
  const match = /^(.*?)(\d+)(\.[^.]+)$/.exec(firstSheetName);
  if (!match) throw new RangeError(`A sheet name must end with its number and extension, got ${firstSheetName}.`);
  return `${match[1]}$Number%0${(match[2] as string).length}d$${match[3]}`;
}

/**
 * The AdaptationSet to paste into the video's Period (`thumbnails_adaptation_set.mpd`).
 *
 * @param track the sheets (at least one), grid and interval; every sheet is the full grid (fixed sheet size).
 * @param id the AdaptationSet's id, a whole number (xs:unsignedInt in the MPD schema); default 1000, which the
 *   MPD's other adaptation sets must not use (ffmpeg's and most packagers' count from 0).
 * @returns XML text: `<AdaptationSet id contentType="image" mimeType="image/jpeg">`, a `<SegmentTemplate
 *   media="sprite_$Number%03d$.jpg" timescale="1000" duration="<columns·lines·interval ms>" startNumber="0"/>`, one
 *   `<Representation id="thumbnails_<w>x<h>" bandwidth width height>` (width/height the sheet's, px) holding the
 *   EssentialProperty; lines end with `\n`.
 * Source: DASH-IF IOP 4.3 §6.2.6; ISO/IEC 23009-1 §5.3.9.4 (SegmentTemplate, $Number%0Nd$).
 */
export function dashAdaptationSet(track: TileTrack, id = 1000): string {
  const first = track.sheets[0];
  if (!first) throw new RangeError('A thumbnail adaptation set needs at least one sheet.');
  const width = track.cellWidth * track.columns;
  const height = track.cellHeight * track.lines;
  const duration = track.columns * track.lines * track.intervalMs;
  return [
    `<AdaptationSet id="${id}" contentType="image" mimeType="image/jpeg">`,
    `  <SegmentTemplate media="${mediaPattern(first.name)}" timescale="1000" duration="${duration}" startNumber="0"/>`,
    `  <Representation id="thumbnails_${track.cellWidth}x${track.cellHeight}" bandwidth="${peakBandwidth(track)}" width="${width}" height="${height}">`,
    `    <EssentialProperty schemeIdUri="${THUMBNAIL_TILE_SCHEME}" value="${track.columns}x${track.lines}"/>`,
    '  </Representation>',
    '</AdaptationSet>',
    '',
  ].join('\n');
}
