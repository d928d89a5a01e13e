/// <reference lib="webworker" />
/**
 * The short clip of the preview: a WebM written by mediabunny's `Output` from frames encoded by the browser's
 * `VideoEncoder` (WebCodecs). VP9 where the browser encodes it (Chromium's libvpx does, in software), else VP8.
 * Frame k is shown from k/fps for 1/fps.
 */
import { BufferTarget, Output, QUALITY_HIGH, VideoSample, VideoSampleSource, WebMOutputFormat, canEncodeVideo } from 'mediabunny';

/** Codecs tried for the clip, in order (WebM holds VP9, VP8 and AV1; H.264 would need MP4 and a licensed encoder). */
const CODECS = ['vp9', 'vp8', 'av1'] as const;
export type ClipCodec = (typeof CODECS)[number];

/** The first codec this browser encodes at this size and rate, or null when it encodes none. */
export async function clipCodec(width: number, height: number, frameRate: number): Promise<ClipCodec | null> {
  for (const codec of CODECS) {
    if (await canEncodeVideo(codec, { width, height, frameRate, quality: QUALITY_HIGH })) return codec;
  }
  return null;
}

/**
 * @param frames RGBA frames, each width × height × 4 bytes, in order (width and height even).
 * @returns the WebM (video/webm) and the codec used.
 * @throws Error when the browser's encoder fails (the caller turns it into a note; the GIF is still made).
 */
export async function encodeClip(
  frames: readonly Uint8Array[],
  width: number,
  height: number,
  frameRate: number,
  codec: ClipCodec,
): Promise<Blob> {
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  // A key frame every frame at low rates would bloat the clip; every 2 s (mediabunny's default) keeps seeking cheap.
  const source = new VideoSampleSource({ codec, quality: QUALITY_HIGH, keyFrameInterval: Math.max(2, 1 / frameRate) });
  output.addVideoTrack(source, { frameRate });
  await output.start();
  for (const [k, rgba] of frames.entries()) {
    const sample = new VideoSample(rgba, {
      format: 'RGBA',
      codedWidth: width,
      codedHeight: height,
      timestamp: k / frameRate,
      duration: 1 / frameRate,
    });
    try {
      await source.add(sample);
    } finally {
      sample.close();
    }
  }
  await output.finalize();
  if (!target.buffer) throw new Error('the WebM muxer wrote nothing');
  return new Blob([target.buffer], { type: 'video/webm' });
}
