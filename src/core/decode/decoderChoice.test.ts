import { describe, expect, it } from 'vitest';
import {
  decoderPreference,
  ffmpegWasmLacks,
  jobDecoder,
  presentationMs,
  trackSeconds,
  undecodableCodecSentence,
  webCodecsCandidate,
} from './decoderChoice';

describe('webCodecsCandidate', () => {
  it('accepts browser codecs in containers mediabunny reads', () => {
    expect(webCodecsCandidate({ codec: 'h264', container: 'mov,mp4,m4a,3gp,3g2,mj2' })).toBe(true);
    expect(webCodecsCandidate({ codec: 'h264', container: 'hls' })).toBe(true);
    expect(webCodecsCandidate({ codec: 'vp9', container: 'matroska,webm' })).toBe(true);
    expect(webCodecsCandidate({ codec: 'h264', container: 'mpegts' })).toBe(true);
  });
  it('rejects codecs no browser decodes and containers mediabunny does not read', () => {
    expect(webCodecsCandidate({ codec: 'mpeg2video', container: 'mpegts' })).toBe(false);
    expect(webCodecsCandidate({ codec: 'indeo4', container: 'avi' })).toBe(false);
    expect(webCodecsCandidate({ codec: 'h264', container: 'avi' })).toBe(false);
    expect(webCodecsCandidate({ codec: 'h264', container: 'flv' })).toBe(false);
  });
});

describe('decoderPreference', () => {
  it('reads the test switch', () => {
    expect(decoderPreference('ffmpeg')).toBe('ffmpeg');
    expect(decoderPreference('webcodecs')).toBe('webcodecs');
    expect(decoderPreference(null)).toBe('auto');
    expect(decoderPreference('vlc')).toBe('auto');
  });
});

describe('clock mapping', () => {
  it('adds the container start_time to ask and subtracts it from the answer', () => {
    expect(trackSeconds(1000, 1514.089, 0)).toBeCloseTo(2.514089, 9);
    expect(presentationMs(2.5474223333, 1514.089)).toBe(1033.333);
    expect(presentationMs(0.1001, 0)).toBe(100.1);
  });
});

describe('jobDecoder', () => {
  it('says webcodecs only when every frame was', () => {
    expect(jobDecoder(['webcodecs', 'webcodecs'])).toBe('webcodecs');
    expect(jobDecoder(['webcodecs', 'ffmpeg.wasm'])).toBe('ffmpeg.wasm');
    expect(jobDecoder([])).toBe('ffmpeg.wasm');
  });
});

describe('codecs only the browser decodes', () => {
  it('names AV1 as one ffmpeg.wasm lacks, and no other codec', () => {
    expect(ffmpegWasmLacks('av1')).toBe('AV1');
    expect(ffmpegWasmLacks('AV1')).toBe('AV1');
    for (const codec of ['h264', 'hevc', 'vp9', 'vp8', 'mpeg2video', 'unknown']) expect(ffmpegWasmLacks(codec)).toBeNull();
  });
  it('says which codec, which file, why neither decoder takes it and what to do', () => {
    const sentence = undecodableCodecSentence('AV1', 'clip.avif', 'the decoder is set to ffmpeg.wasm only');
    expect(sentence).toBe(
      "AV1 in clip.avif cannot be decoded here: ffmpeg.wasm has no AV1 decoder, and the browser's decoder cannot take it " +
        '(the decoder is set to ffmpeg.wasm only). Open it in a browser whose video decoder takes AV1 (a recent Chrome, ' +
        'Edge or Firefox), or convert it to H.264 or VP9 and try again.',
    );
    expect(undecodableCodecSentence('AV1', 'a.ivf', 'why', 'Remux it.')).toMatch(/\(why\)\. Remux it\.$/);
  });
});
