import { describe, expect, it } from 'vitest';
import { declaresDuration, formatStartSec, sourceInfoFromProbe, type FfprobeJson } from './probeInfo';

const file = { name: 'clip.mp4', size: 1000 };
const video = { codec_type: 'video', codec_name: 'h264', width: 960, height: 540, avg_frame_rate: '30/1' };

describe('sourceInfoFromProbe (broken and odd files)', () => {
  it('takes the streams’ duration when the container declares 10 hours for a 5 s clip', () => {
    const probe: FfprobeJson = {
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '36000.000000' },
      streams: [
        { ...video, duration: '5.005000' },
        { codec_type: 'audio', duration: '5.055000' },
      ],
    };
    expect(sourceInfoFromProbe(probe, file).durationMs).toBe(5055);
  });
  it('keeps the container duration when it agrees with the streams', () => {
    const probe: FfprobeJson = { format: { format_name: 'mov', duration: '5.055' }, streams: [{ ...video, duration: '5.005' }] };
    expect(sourceInfoFromProbe(probe, file).durationMs).toBe(5055);
  });
  it('refuses a still image read by an image demuxer, naming the file', () => {
    const probe: FfprobeJson = { format: { format_name: 'png_pipe' }, streams: [{ ...video, codec_name: 'png' }] };
    expect(() => sourceInfoFromProbe(probe, file)).toThrow(/^clip\.mp4 is a still image \(png\), not a video\. Choose a video file/);
  });
  it('refuses audio only, naming the file', () => {
    const probe: FfprobeJson = { format: { format_name: 'mov', duration: '2' }, streams: [{ codec_type: 'audio', duration: '2' }] };
    expect(() => sourceInfoFromProbe(probe, file)).toThrow(/^clip\.mp4 has no video stream \(it holds audio only\)/);
  });
  it('takes the packets’ duration for a live MKV that declares none, and says when it is needed', () => {
    const probe: FfprobeJson = {
      format: { format_name: 'matroska,webm', start_time: '0.000000' },
      streams: [{ ...video, avg_frame_rate: '24/1' }, { codec_type: 'audio' }],
    };
    expect(declaresDuration(probe)).toBe(false);
    expect(formatStartSec(probe)).toBe(0);
    expect(sourceInfoFromProbe({ ...probe, format: { ...probe.format, duration: '2.5' } }, file).durationMs).toBe(2500);
    expect(declaresDuration({ ...probe, format: { ...probe.format, duration: '2.5' } })).toBe(true);
    expect(sourceInfoFromProbe(probe, { name: 'live.mkv', size: 1 }, 2.562).durationMs).toBe(2562);
    expect(() => sourceInfoFromProbe(probe, { name: 'live.mkv', size: 1 })).toThrow(/^live\.mkv does not say how long it is/);
  });
});

describe('sourceInfoFromProbe, colour', () => {
  const format = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '2' };
  it('records transfer, primaries, matrix, range and bit depth', () => {
    const probe: FfprobeJson = {
      format,
      streams: [
        {
          ...video,
          codec_name: 'hevc',
          pix_fmt: 'yuv420p10le',
          color_range: 'tv',
          color_space: 'bt2020nc',
          color_transfer: 'arib-std-b67',
          color_primaries: 'bt2020',
        },
      ],
    };
    expect(sourceInfoFromProbe(probe, file).color).toEqual({
      transfer: 'arib-std-b67',
      primaries: 'bt2020',
      matrix: 'bt2020nc',
      range: 'tv',
      bitDepth: 10,
      dolbyVision: null,
      peakNits: null,
    });
  });
  it('refuses Dolby Vision profile 5 (ffprobe DOVI configuration record, no compatible base layer) by name', () => {
    const dovi = { side_data_type: 'DOVI configuration record', dv_profile: 5, dv_bl_signal_compatibility_id: 0 };
    const probe: FfprobeJson = { format, streams: [{ ...video, codec_name: 'hevc', pix_fmt: 'yuv420p10le', side_data_list: [dovi] }] };
    expect(() => sourceInfoFromProbe(probe, file)).toThrow(
      /^clip\.mp4 is Dolby Vision profile 5 video with no HDR10, HLG or SDR base layer/,
    );
  });
  it('keeps Dolby Vision profile 8.1 as its HDR10 base layer', () => {
    const dovi = { side_data_type: 'DOVI configuration record', dv_profile: 8, dv_bl_signal_compatibility_id: 1 };
    const probe: FfprobeJson = {
      format,
      streams: [
        {
          ...video,
          codec_name: 'hevc',
          pix_fmt: 'yuv420p10le',
          color_transfer: 'smpte2084',
          color_primaries: 'bt2020',
          side_data_list: [dovi],
        },
      ],
    };
    expect(sourceInfoFromProbe(probe, file).color?.dolbyVision).toEqual({ profile: 8, compatibility: 1 });
  });
});

describe('sourceInfoFromProbe: raw elementary streams', () => {
  // ffprobe on a raw H.264 stream: no duration, no start time, no frame count; r_frame_rate from the SPS's VUI.
  const raw = (format: string, rate: string): FfprobeJson => ({
    format: { format_name: format },
    streams: [{ codec_type: 'video', codec_name: 'h264', width: 320, height: 180, r_frame_rate: rate, avg_frame_rate: rate }],
  });

  it('gives frames counted / rate as the duration, from 0, and says where the rate comes from', () => {
    const info = sourceInfoFromProbe(raw('h264', '24/1'), { name: 'a.264', size: 1 }, null, {
      frames: 60,
      declaredRate: { num: 24, den: 1 },
    });
    expect(info).toMatchObject({
      container: 'h264',
      durationMs: 2500,
      videoDurationMs: 2500,
      startTimeMs: 0,
      frameRate: 24,
      frameCount: 60,
      elementary: { frameRate: [24, 1], rateFrom: 'stream' },
    });
  });

  it("uses ffmpeg's 25 fps for a stream that declares no rate, and says so", () => {
    const info = sourceInfoFromProbe(raw('hevc', '25/1'), { name: 'a.hevc', size: 1 }, null, { frames: 60, declaredRate: null });
    expect(info.durationMs).toBe(2400);
    expect(info.elementary).toEqual({ frameRate: [25, 1], rateFrom: 'default' });
  });

  it('refuses a raw stream with no whole picture in it', () => {
    expect(() =>
      sourceInfoFromProbe(raw('mpegvideo', '25/1'), { name: 'x.m2v', size: 1 }, null, { frames: 0, declaredRate: null }),
    ).toThrow(/^x\.m2v holds no complete picture of h264/);
  });

  it('still refuses a raw stream it was given no count for (the old sentence)', () => {
    expect(() => sourceInfoFromProbe(raw('h264', '25/1'), { name: 'a.264', size: 1 })).toThrow(/does not say how long it is/);
  });
});
