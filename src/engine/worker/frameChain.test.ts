import { describe, expect, it, vi } from 'vitest';
import { FileUnreadableError, InternalError, UnsupportedMediaError } from '../../core/job/errors';
import type { DecoderName, SourceInfo } from '../../core/job/types';
import { FrameChain } from './frameChain';
import type { DecodedFrame, FrameSource, FrameSourceFactory, PictureRequest, Refusal } from './sources/frameSource';

const file = new File([new Uint8Array(4)], 'clip.mp4', { lastModified: 1 });
const source = { name: 'clip.mp4' } as SourceInfo;
const request: PictureRequest = { timeMs: 1000, width: 32, height: 18, frameType: 'accurate' };

const frame = (decoder: DecoderName, actualMs = 990): DecodedFrame => ({
  width: 32,
  height: 18,
  actualMs,
  decoder,
  rgba: new Uint8Array(32 * 18 * 4),
});

/** A fake decoder whose frameAt answers with `answer` (a frame, a refusal, or an error to throw). */
function fake(decoder: DecoderName, answer: () => Promise<DecodedFrame | Refusal>, opens: FrameSource | Refusal | null = null) {
  const calls = { open: 0, plan: [] as number[][], frameAt: 0, dispose: 0 };
  const opened: FrameSource = {
    decoder,
    watchdogMs: decoder === 'webcodecs' ? 50 : null,
    plan: async (times) => void calls.plan.push([...times]),
    keyframesAt: async (times) => times.map((t) => Math.floor(t / 1000) * 1000),
    frameAt: async () => {
      calls.frameAt += 1;
      return answer();
    },
    dispose: () => void (calls.dispose += 1),
  };
  const factory: FrameSourceFactory = {
    decoder,
    open: async () => {
      calls.open += 1;
      return opens ?? opened;
    },
  };
  return { factory, calls };
}

describe('FrameChain', () => {
  it('fails with a sentence naming the codec when neither decoder takes it (AV1: the browser refused, ffmpeg.wasm has none)', async () => {
    const av1 = { name: 'clip.avif', codec: 'av1' } as SourceInfo;
    const web = fake('webcodecs', async () => frame('webcodecs'), { refused: 'VideoDecoder does not support av01.0.08M.10' });
    const ff = fake('ffmpeg.wasm', async () => frame('ffmpeg.wasm'), { refused: 'ffmpeg.wasm has no AV1 decoder' });
    const chain = new FrameChain(file, av1, [web.factory, ff.factory], () => undefined);
    const error = await chain.frameAt(request, 'auto').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedMediaError);
    expect((error as Error).message).toMatch(
      /^AV1 in clip\.mp4 cannot be decoded here: ffmpeg\.wasm has no AV1 decoder, and the browser's decoder cannot take it \(VideoDecoder does not support av01\.0\.08M\.10\)\./,
    );
    // Forced to ffmpeg.wasm (the test build's switch), the sentence says so.
    const forced = await new FrameChain(file, av1, [web.factory, ff.factory], () => undefined)
      .frameAt(request, 'ffmpeg')
      .catch((e: unknown) => e);
    expect((forced as Error).message).toMatch(/\(the decoder is set to ffmpeg\.wasm only\)/);
    expect(web.calls.frameAt + ff.calls.frameAt).toBe(0);
  });

  it('takes the first source that gives the frame, opening each once per file', async () => {
    const web = fake('webcodecs', async () => frame('webcodecs'));
    const ff = fake('ffmpeg.wasm', async () => frame('ffmpeg.wasm'));
    const chain = new FrameChain(file, source, [web.factory, ff.factory], () => undefined);
    expect((await chain.frameAt(request, 'auto')).decoder).toBe('webcodecs');
    expect((await chain.frameAt(request, 'auto')).decoder).toBe('webcodecs');
    expect(web.calls.open).toBe(1);
    expect(ff.calls.open).toBe(0);
  });

  it('skips a source that refuses the file, and hands a refused time to the next source only', async () => {
    const refusing = fake('webcodecs', async () => frame('webcodecs'), { refused: 'not for WebCodecs' });
    const ff = fake('ffmpeg.wasm', async () => frame('ffmpeg.wasm'));
    expect((await new FrameChain(file, source, [refusing.factory, ff.factory], () => undefined).frameAt(request, 'auto')).decoder).toBe(
      'ffmpeg.wasm',
    );

    let damaged = true;
    const web = fake('webcodecs', async () => (damaged ? { refused: 'damaged data' } : frame('webcodecs')));
    const chain = new FrameChain(file, source, [web.factory, ff.factory], () => undefined);
    expect((await chain.frameAt(request, 'auto')).decoder).toBe('ffmpeg.wasm');
    damaged = false;
    expect((await chain.frameAt(request, 'auto')).decoder).toBe('webcodecs');
  });

  it('drops a failing source for the rest of the file, with a note, and falls back', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const web = fake('webcodecs', async () => {
      throw new DOMException('Decoding error', 'EncodingError');
    });
    const ff = fake('ffmpeg.wasm', async () => frame('ffmpeg.wasm'));
    const notes: string[] = [];
    const chain = new FrameChain(file, source, [web.factory, ff.factory], (n) => notes.push(n));
    expect((await chain.frameAt(request, 'auto')).decoder).toBe('ffmpeg.wasm');
    expect((await chain.frameAt(request, 'auto')).decoder).toBe('ffmpeg.wasm');
    expect(web.calls.frameAt).toBe(1);
    expect(web.calls.dispose).toBe(1);
    expect(notes).toEqual(['WebCodecs failed on clip.mp4 at 1000 ms (Decoding error); ffmpeg.wasm decoded the rest of its frames.']);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('does not hand a video that cannot be read to the next decoder (a lost connection fails the job)', async () => {
    const web = fake('webcodecs', async () => {
      throw new FileUnreadableError('The connection to https://x/a.m3u8 was lost while reading the video, and 4 attempts failed.');
    });
    const ff = fake('ffmpeg.wasm', async () => frame('ffmpeg.wasm'));
    const notes: string[] = [];
    const chain = new FrameChain(file, source, [web.factory, ff.factory], (n) => notes.push(n));
    await expect(chain.frameAt(request, 'auto')).rejects.toBeInstanceOf(FileUnreadableError);
    expect(ff.calls.frameAt).toBe(0);
    expect(notes).toEqual([]);
  });

  it('gives up on a source past its watchdog', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const web = fake('webcodecs', () => new Promise<never>(() => undefined));
    const ff = fake('ffmpeg.wasm', async () => frame('ffmpeg.wasm'));
    const notes: string[] = [];
    const chain = new FrameChain(file, source, [web.factory, ff.factory], (n) => notes.push(n));
    expect((await chain.frameAt(request, 'auto')).decoder).toBe('ffmpeg.wasm');
    expect(notes[0]).toContain('WebCodecs decoding took over 0.05 s');
    warn.mockRestore();
  });

  it('uses ffmpeg.wasm only with `ffmpeg`, and never falls back from errors with `webcodecs`', async () => {
    const web = fake('webcodecs', async () => {
      throw new Error('boom');
    });
    const ff = fake('ffmpeg.wasm', async () => frame('ffmpeg.wasm'));
    expect((await new FrameChain(file, source, [web.factory, ff.factory], () => undefined).frameAt(request, 'ffmpeg')).decoder).toBe(
      'ffmpeg.wasm',
    );
    expect(web.calls.open).toBe(0);
    await expect(new FrameChain(file, source, [web.factory, ff.factory], () => undefined).frameAt(request, 'webcodecs')).rejects.toThrow(
      new InternalError('WebCodecs failed on clip.mp4: boom'),
    );
    const refusing = fake('webcodecs', async () => frame('webcodecs'), { refused: 'no decoder' });
    await expect(
      new FrameChain(file, source, [refusing.factory, ff.factory], () => undefined).frameAt(request, 'webcodecs'),
    ).rejects.toThrow('WebCodecs cannot decode clip.mp4: no decoder');
  });

  it('passes the last source’s errors through (a time with no decodable frame is skipped by the job)', async () => {
    const skip = new UnsupportedMediaError('No picture could be decoded at 0:01.000 in clip.mp4');
    const ff = fake('ffmpeg.wasm', async () => {
      throw skip;
    });
    await expect(new FrameChain(file, source, [ff.factory], () => undefined).frameAt(request, 'auto')).rejects.toBe(skip);
  });

  it('announces the plan to every usable source and disposes them', async () => {
    const web = fake('webcodecs', async () => frame('webcodecs'));
    const ff = fake('ffmpeg.wasm', async () => frame('ffmpeg.wasm'));
    const chain = new FrameChain(file, source, [web.factory, ff.factory], () => undefined);
    await chain.plan([0, 500], 'accurate', 'auto');
    expect(web.calls.plan).toEqual([[0, 500]]);
    expect(ff.calls.plan).toEqual([[0, 500]]);
    chain.dispose();
    expect(web.calls.dispose + ff.calls.dispose).toBe(2);
  });
});
