import { describe, expect, it } from 'vitest';
import { dashAdaptationSet, mediaPattern } from './dash';
import { bifFileName, jellyfinTileName, parseTrickplayFormats } from './formats';
import { hlsImagePlaylist, hlsImageStreamInf } from './hls';
import { peakBandwidth, secondsText, sheetSpan, type TileTrack } from './tileTrack';

/** 250 s of video, one thumbnail every 10 s: 25 thumbnails on 3 sheets of 3 × 4 (12, 12, 1). */
const track: TileTrack = {
  intervalMs: 10_000,
  durationMs: 250_000,
  cellWidth: 320,
  cellHeight: 180,
  columns: 3,
  lines: 4,
  sheets: [
    { name: 'sprite_000.jpg', bytes: 60_000, cells: 12 },
    { name: 'sprite_001.jpg', bytes: 90_000, cells: 12 },
    { name: 'sprite_002.jpg', bytes: 5_000, cells: 1 },
  ],
};

describe('tile track', () => {
  it('spans each sheet from its first thumbnail to the next sheet or the end', () => {
    expect([0, 1, 2].map((i) => sheetSpan(track, i))).toEqual([
      { startMs: 0, endMs: 120_000 },
      { startMs: 120_000, endMs: 240_000 },
      { startMs: 240_000, endMs: 250_000 },
    ]);
    expect(peakBandwidth(track)).toBe(Math.ceil((90_000 * 8) / 120));
    expect(secondsText(2500)).toBe('2.500');
    expect(secondsText(120_000)).toBe('120.000');
  });
});

describe('hlsImagePlaylist', () => {
  it('writes an images-only VOD playlist with one EXT-X-TILES per sheet', () => {
    expect(hlsImagePlaylist(track)).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:120',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXT-X-IMAGES-ONLY',
        '#EXTINF:120.000,',
        '#EXT-X-TILES:RESOLUTION=320x180,LAYOUT=3x4,DURATION=10.000',
        'sprite_000.jpg',
        '#EXTINF:120.000,',
        '#EXT-X-TILES:RESOLUTION=320x180,LAYOUT=3x4,DURATION=10.000',
        'sprite_001.jpg',
        '#EXTINF:10.000,',
        '#EXT-X-TILES:RESOLUTION=320x180,LAYOUT=3x4,DURATION=10.000',
        'sprite_002.jpg',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    );
  });

  it('gives the master-playlist line with the peak bandwidth and one thumbnail as resolution', () => {
    expect(hlsImageStreamInf(track)).toBe(
      '#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=6000,RESOLUTION=320x180,CODECS="jpeg",URI="thumbnails.m3u8"\n',
    );
  });
});

describe('dashAdaptationSet', () => {
  it('describes the sheets as DASH-IF tiles of thumbnails', () => {
    const xml = dashAdaptationSet(track);
    expect(xml).toContain('<AdaptationSet id="1000" contentType="image" mimeType="image/jpeg">');
    expect(xml).toContain('<SegmentTemplate media="sprite_$Number%03d$.jpg" timescale="1000" duration="120000" startNumber="0"/>');
    expect(xml).toContain('<Representation id="thumbnails_320x180" bandwidth="6000" width="960" height="720">');
    expect(xml).toContain('<EssentialProperty schemeIdUri="http://dashif.org/thumbnail_tile" value="3x4"/>');
  });

  it('turns the sheet number into $Number%0Nd$', () => {
    expect(mediaPattern('sprite_000.jpg')).toBe('sprite_$Number%03d$.jpg');
    expect(() => mediaPattern('sheet.jpg')).toThrow(RangeError);
  });
});

describe('names', () => {
  it("puts Jellyfin's tiles in <video>.trickplay/<width> - <columns>x<lines>/<index>.jpg", () => {
    expect(jellyfinTileName('My Film.mkv', 320, 10, 10, 0)).toBe('My Film.trickplay/320 - 10x10/0.jpg');
    expect(jellyfinTileName('clip.mp4', 320, 10, 10, 12)).toBe('clip.trickplay/320 - 10x10/12.jpg');
    expect(bifFileName('My Film.mkv')).toBe('My Film.bif');
  });

  it('reads a list of formats', () => {
    expect(parseTrickplayFormats('jellyfin, BIF')).toEqual({ ok: true, value: ['bif', 'jellyfin'] });
    expect(parseTrickplayFormats('all')).toEqual({ ok: true, value: ['bif', 'hls', 'dash', 'jellyfin'] });
    expect(parseTrickplayFormats('')).toEqual({ ok: true, value: [] });
    const bad = parseTrickplayFormats('bif,mp4');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('"mp4"');
  });
});
