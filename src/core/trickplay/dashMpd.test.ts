import { describe, expect, it } from 'vitest';
import type { OnDemandVideo } from '../mp4/onDemand';
import { dashAdaptationSet } from './dash';
import { completeMpd, fragmentOnlyNote, isoDuration, mpdFrameRate, singleFileDashCommand, subsegmentPeak } from './dashMpd';

/** The facts of ffmpeg's `-movflags +frag_keyframe+empty_moov+default_base_moof+global_sidx` file of flower.mp4. */
const video: OnDemandVideo = {
  initEnd: 808,
  index: { start: 808, end: 908 },
  timescale: 30000,
  earliestPresentationTime: 0,
  references: [
    { bytes: 73086, duration: 30030 },
    { bytes: 90821, duration: 30030 },
    { bytes: 40000, duration: 15015 },
  ],
  codecs: 'avc1.64001f',
  width: 960,
  height: 540,
};

const track = {
  intervalMs: 1000,
  durationMs: 5005,
  cellWidth: 160,
  cellHeight: 90,
  columns: 2,
  lines: 2,
  sheets: [
    { name: 'sprite_000.jpg', bytes: 20000, cells: 4 },
    { name: 'sprite_001.jpg', bytes: 4000, cells: 2 },
  ],
};

describe('completeMpd', () => {
  it('writes a static on-demand MPD: the video by BaseURL and SegmentBase, then the thumbnail adaptation set', () => {
    const mpd = completeMpd(video, {
      fileName: 'flower dash.mp4',
      durationMs: 5005,
      startTimeMs: 0,
      frameRate: 30000 / 1001,
      imageAdaptationSet: dashAdaptationSet(track),
    });
    expect(mpd).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011" type="static" mediaPresentationDuration="PT5.005S" minBufferTime="PT1.001S">',
        '  <Period id="0" start="PT0S">',
        '    <AdaptationSet id="0" contentType="video" mimeType="video/mp4" subsegmentAlignment="true" subsegmentStartsWithSAP="1">',
        '      <Representation id="video" codecs="avc1.64001f" bandwidth="725843" width="960" height="540" frameRate="30000/1001">',
        '        <BaseURL>flower%20dash.mp4</BaseURL>',
        '        <SegmentBase indexRange="808-907" timescale="30000">',
        '          <Initialization range="0-807"/>',
        '        </SegmentBase>',
        '      </Representation>',
        '    </AdaptationSet>',
        '    <AdaptationSet id="1000" contentType="image" mimeType="image/jpeg">',
        '      <SegmentTemplate media="sprite_$Number%03d$.jpg" timescale="1000" duration="4000" startNumber="0"/>',
        '      <Representation id="thumbnails_160x90" bandwidth="40000" width="320" height="180">',
        '        <EssentialProperty schemeIdUri="http://dashif.org/thumbnail_tile" value="2x2"/>',
        '      </Representation>',
        '    </AdaptationSet>',
        '  </Period>',
        '</MPD>',
        '',
      ].join('\n'),
    );
  });

  it('offsets the timeline by the start time (in the sidx timescale), escapes the file name and leaves out an unknown frame rate', () => {
    const mpd = completeMpd(video, {
      fileName: 'a&b<1>.mp4',
      durationMs: 5005,
      startTimeMs: 66.733,
      frameRate: null,
      imageAdaptationSet: dashAdaptationSet(track),
    });
    expect(mpd).toContain('<SegmentBase indexRange="808-907" timescale="30000" presentationTimeOffset="2002">');
    expect(mpd).toContain('<BaseURL>a%26b%3C1%3E.mp4</BaseURL>');
    expect(mpd).not.toContain('frameRate');
  });
});

describe('the MPD fields', () => {
  it('peak bandwidth over the subsegments and the longest one', () => {
    // 90821 bytes over 1.001 s is the peak: 725842.2 bit/s, up.
    expect(subsegmentPeak(video)).toEqual({ bandwidth: 725843, longestMs: 1001 });
    expect(subsegmentPeak({ timescale: 1000, references: [] })).toEqual({ bandwidth: 1, longestMs: 0 });
  });

  it('frame rates as FrameRateType, durations as xs:duration', () => {
    expect(mpdFrameRate(30)).toBe('30');
    expect(mpdFrameRate(29.97002997)).toBe('30000/1001');
    expect(mpdFrameRate(23.976023976)).toBe('24000/1001');
    expect(mpdFrameRate(59.94005994)).toBe('60000/1001');
    expect(mpdFrameRate(12.5)).toBe('12500/1000');
    expect(mpdFrameRate(null)).toBeNull();
    expect(mpdFrameRate(0)).toBeNull();
    expect(isoDuration(7200100)).toBe('PT7200.100S');
    expect(isoDuration(0.4)).toBe('PT0.000S');
  });
});

describe('when only the fragment is written', () => {
  it('says why and gives the ffmpeg command that makes a single-file DASH video', () => {
    expect(singleFileDashCommand('my "film".mp4')).toBe(
      'ffmpeg -i "my \\"film\\".mp4" -map 0:v:0 -c:v copy -f mp4 -movflags +frag_keyframe+empty_moov+default_base_moof+global_sidx "my _film__dash.mp4"',
    );
    expect(fragmentOnlyNote('film.mp4', { reason: 'no-sidx' })).toBe(
      'DASH: manifest.mpd (a complete MPD) was not written, only thumbnails_adaptation_set.mpd, because film.mp4 has no segment index ' +
        '(sidx box) before its media data: it is a progressive MP4, whose segments a DASH player cannot find. Paste the adaptation set ' +
        'into your packager\'s MPD, or make a single-file DASH video with `ffmpeg -i "film.mp4" -map 0:v:0 -c:v copy -f mp4 -movflags ' +
        '+frag_keyframe+empty_moov+default_base_moof+global_sidx "film_dash.mp4"` and run the job on that file.',
    );
    expect(fragmentOnlyNote('a.webm', { reason: 'not-mp4' })).toContain('because a.webm is not an MP4 file');
    expect(fragmentOnlyNote('a.mp4', { reason: 'tracks', tracks: 2 })).toContain('a.mp4 holds 2 tracks');
    expect(fragmentOnlyNote('a.mp4', { reason: 'codec', sampleEntry: 'mp4v' })).toContain('sample entry "mp4v" is not known here');
    expect(fragmentOnlyNote('a.mp4', { reason: 'remote' })).toContain('was read at an address');
  });
});
