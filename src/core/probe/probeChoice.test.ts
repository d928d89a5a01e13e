import { describe, expect, it } from 'vitest';
import { opusCodecDelaySec, probePreference, probeRoute, sourceInfoFromMediabunny, type MediabunnyFacts } from './probeChoice';

const flowerMp4: MediabunnyFacts = {
  family: 'isobmff',
  videoCodec: 'avc',
  hasVideo: true,
  hasAudio: true,
  browserDecodes: true,
  codedWidth: 960,
  codedHeight: 540,
  rotation: 0,
  pixelAspect: [1, 1],
  firstTimestampsSec: [0, 0],
  declaredDurationSec: null,
  frameRate: null,
  mp4: {
    durationSec: 5.055,
    tracks: [
      { handler: 'vide', handlerAt: 1000, durationSec: 5.005, frameCount: 150, frameRate: 30000 / 1001 },
      { handler: 'soun', handlerAt: 2000, durationSec: 5.055, frameCount: 237, frameRate: 46.875 },
    ],
  },
};

const flowerWebm: MediabunnyFacts = {
  ...flowerMp4,
  family: 'matroska',
  videoCodec: 'vp8',
  firstTimestampsSec: [0.003, 0],
  declaredDurationSec: 5.059,
  frameRate: 30000 / 1001,
  mp4: null,
};

describe('probePreference', () => {
  it('reads ?probe=', () => {
    expect(probePreference('ffprobe')).toBe('ffprobe');
    expect(probePreference('mediabunny')).toBe('mediabunny');
    expect(probePreference(null)).toBe('auto');
    expect(probePreference('x')).toBe('auto');
  });
});

describe('probeRoute', () => {
  it('probes with mediabunny what it reads and the browser decodes', () => {
    expect(probeRoute(flowerMp4, 'auto')).toEqual({ by: 'mediabunny' });
    expect(probeRoute(flowerWebm, 'auto')).toEqual({ by: 'mediabunny' });
  });

  it('leaves to ffprobe what mediabunny cannot read, an unknown codec, other containers, no declared duration', () => {
    expect(probeRoute(null, 'auto').by).toBe('ffprobe');
    expect(probeRoute({ ...flowerMp4, hasVideo: false }, 'auto').by).toBe('ffprobe');
    expect(probeRoute({ ...flowerMp4, videoCodec: null }, 'auto').by).toBe('ffprobe');
    expect(probeRoute({ ...flowerMp4, family: 'other' }, 'auto').by).toBe('ffprobe');
    expect(probeRoute({ ...flowerMp4, mp4: null }, 'auto').by).toBe('ffprobe');
    expect(probeRoute({ ...flowerWebm, declaredDurationSec: null }, 'mediabunny').by).toBe('ffprobe');
    // mediabunny's ratio is the rounded display size over the coded one (427:320 for 4:3 at 320 px): not ffprobe's.
    expect(probeRoute({ ...flowerMp4, pixelAspect: [427, 320] }, 'mediabunny').by).toBe('ffprobe');
  });

  it('leaves to ffprobe a video the browser cannot decode, unless mediabunny is forced', () => {
    const hevc = { ...flowerMp4, videoCodec: 'hevc', browserDecodes: false };
    expect(probeRoute(hevc, 'auto')).toEqual({ by: 'ffprobe', why: 'this browser cannot decode the video' });
    expect(probeRoute(hevc, 'mediabunny')).toEqual({ by: 'mediabunny' });
    expect(probeRoute(flowerMp4, 'ffprobe').by).toBe('ffprobe');
  });
});

describe('sourceInfoFromMediabunny', () => {
  it('gives what ffprobe gives for flower.mp4', () => {
    expect(sourceInfoFromMediabunny(flowerMp4, { name: 'flower.mp4', size: 1157 })).toEqual({
      name: 'flower.mp4',
      size: 1157,
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationMs: 5055,
      videoDurationMs: 5005,
      startTimeMs: 0,
      codec: 'h264',
      codecLongName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
      codedWidth: 960,
      codedHeight: 540,
      width: 960,
      height: 540,
      rotation: 0,
      sampleAspectRatio: [1, 1],
      frameRate: 30000 / 1001,
      frameCount: 150,
      hasAudio: true,
    });
  });

  it('gives what ffprobe gives for a WebM: the segment duration, no stream duration or frame count', () => {
    const info = sourceInfoFromMediabunny(flowerWebm, { name: 'flower.webm', size: 1 });
    expect(info).toMatchObject({
      container: 'matroska,webm',
      durationMs: 5059,
      videoDurationMs: null,
      frameCount: null,
      codec: 'vp8',
      codecLongName: 'On2 VP8',
      startTimeMs: 0,
    });
  });

  it("reads an AVIF sequence's pict track as its video: mvhd says 0 s, the track 2.5 s of 60 frames", () => {
    const avif: MediabunnyFacts = {
      ...flowerMp4,
      videoCodec: 'av1',
      hasAudio: false,
      codedWidth: 320,
      codedHeight: 180,
      firstTimestampsSec: [0],
      mp4: { durationSec: null, tracks: [{ handler: 'pict', handlerAt: 900, durationSec: 2.5, frameCount: 60, frameRate: 24 }] },
    };
    expect(sourceInfoFromMediabunny(avif, { name: 'b.avif', size: 1 })).toMatchObject({
      codec: 'av1',
      durationMs: 2500,
      videoDurationMs: 2500,
      frameRate: 24,
      frameCount: 60,
    });
  });

  it('turns the display size with the rotation and counts edit-cut samples from 0', () => {
    const rotated = { ...flowerMp4, videoCodec: 'hevc', rotation: 90 as const, firstTimestampsSec: [-0.455, -0.0385] };
    expect(sourceInfoFromMediabunny(rotated, { name: 'r.mp4', size: 1 })).toMatchObject({
      width: 540,
      height: 960,
      codedWidth: 960,
      rotation: 90,
      startTimeMs: 0,
      codec: 'hevc',
    });
  });

  it('keeps a negative Matroska start (Opus pre-skip), as ffprobe does', () => {
    expect(sourceInfoFromMediabunny({ ...flowerWebm, firstTimestampsSec: [0, -0.007] }, { name: 'v.webm', size: 1 })?.startTimeMs).toBe(-7);
  });

  it('takes the streams when the container declares far more (core/probe/duration.ts)', () => {
    const absurd = { ...flowerMp4, mp4: { ...flowerMp4.mp4!, durationSec: 36_000 } };
    expect(sourceInfoFromMediabunny(absurd, { name: 'a.mp4', size: 1 })?.durationMs).toBe(5055);
  });

  it('is null where the rule says ffprobe', () => {
    expect(sourceInfoFromMediabunny({ ...flowerMp4, videoCodec: null }, { name: 'x', size: 1 })).toBeNull();
  });
});

describe('opusCodecDelaySec', () => {
  it('reads the pre-skip of an OpusHead, in whole ms as FFmpeg rounds it', () => {
    const head = new Uint8Array([...'OpusHead'].map((c) => c.charCodeAt(0)).concat([1, 2, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]));
    expect(opusCodecDelaySec(head)).toBe(0.007); // 312 samples = 6.5 ms
    expect(opusCodecDelaySec(new Uint8Array(4))).toBe(0);
    expect(opusCodecDelaySec(null)).toBe(0);
  });
});

describe('an HLS playlist', () => {
  const hls: MediabunnyFacts = {
    ...flowerWebm,
    family: 'hls',
    videoCodec: 'avc',
    firstTimestampsSec: [0],
    declaredDurationSec: 8,
    frameRate: 25,
  };
  it('is probed by mediabunny: the #EXTINF sum, the frame rate of its first frames, container "hls"', () => {
    expect(probeRoute(hls, 'auto')).toEqual({ by: 'mediabunny' });
    const info = sourceInfoFromMediabunny(hls, { name: 'master.m3u8', size: 0 });
    expect(info).toMatchObject({
      name: 'master.m3u8',
      size: 0,
      container: 'hls',
      durationMs: 8000,
      frameRate: 25,
      codec: 'h264',
      startTimeMs: 0,
    });
  });
  it('needs the browser to decode it (nothing else reads HLS here)', () => {
    expect(probeRoute({ ...hls, browserDecodes: false }, 'auto').by).toBe('ffprobe');
  });
});
