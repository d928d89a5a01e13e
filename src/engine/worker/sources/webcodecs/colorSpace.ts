/**
 * The colour of WebCodecs frames: which YUV->RGB conversion matches ffmpeg's scaler for a stream, and a frame
 * relabelled with it for the browser's own conversion.
 */
import { VideoSample } from 'mediabunny';

/**
 * The colour space to convert a stream's frames with so that they match ffmpeg's (swscale's) RGB: the matrix and
 * range the stream declares, else BT.601 limited range as swscale assumes for untagged video (Chromium assumes BT.709
 * for untagged VP8: mean abs diff 3.4 instead of 1.2 at 960x540); sRGB primaries and transfer, because swscale does
 * no gamut or transfer conversion while the canvas would (BT.470BG primaries moved blue by ~3 levels).
 */
export function ffmpegColorSpace(declared: VideoColorSpaceInit): VideoColorSpaceInit {
  return {
    matrix: declared.matrix ?? 'smpte170m',
    fullRange: declared.fullRange ?? false,
    primaries: 'bt709',
    transfer: 'iec61966-2-1',
  };
}

const YUV_FORMATS: ReadonlySet<string> = new Set<VideoPixelFormat>(['I420', 'I420A', 'I422', 'I444', 'NV12']);

/**
 * A copy of the sample with its YUV planes relabelled with `colorSpace`, for the browser's RGB conversion; null for
 * frames that are not YUV in memory (RGB, or opaque GPU frames that cannot be read back), drawn as they are. The
 * caller closes both.
 */
export async function withColorSpace(sample: VideoSample, colorSpace: VideoColorSpaceInit): Promise<VideoSample | null> {
  const format = sample.format as VideoPixelFormat | null;
  if (!format || !YUV_FORMATS.has(format)) return null;
  let frame: VideoFrame;
  try {
    const data = new Uint8Array(sample.allocationSize());
    const layout = await sample.copyTo(data);
    const rect = sample.visibleRect;
    frame = new VideoFrame(data, {
      format,
      codedWidth: rect.width,
      codedHeight: rect.height,
      timestamp: sample.microsecondTimestamp,
      layout,
      colorSpace,
    });
  } catch {
    return null;
  }
  return new VideoSample(frame, { timestamp: sample.timestamp, rotation: sample.rotation, flip: sample.flip });
}
