/**
 * The decoded planes of a WebCodecs frame at their full bit depth: `VideoFrame.copyTo`
 * without an RGB format copies the decoder's own samples (I420P10: 10-bit values in 16-bit words), so the browser's
 * colour conversion (which would tone-map, or not, its own way) never runs.
 */
import type { VideoSample } from 'mediabunny';
import type { YuvPlanes } from '../../../core/color/yuv/planes';

/** WebCodecs planar YUV formats (WebCodecs "VideoPixelFormat"): chroma subsampling and bits per sample. */
const PLANAR: Record<string, { shiftX: number; shiftY: number; bits: number }> = {
  I420: { shiftX: 1, shiftY: 1, bits: 8 },
  I420A: { shiftX: 1, shiftY: 1, bits: 8 },
  I420P10: { shiftX: 1, shiftY: 1, bits: 10 },
  I420AP10: { shiftX: 1, shiftY: 1, bits: 10 },
  I420P12: { shiftX: 1, shiftY: 1, bits: 12 },
  I422: { shiftX: 1, shiftY: 0, bits: 8 },
  I422P10: { shiftX: 1, shiftY: 0, bits: 10 },
  I422P12: { shiftX: 1, shiftY: 0, bits: 12 },
  I444: { shiftX: 0, shiftY: 0, bits: 8 },
  I444P10: { shiftX: 0, shiftY: 0, bits: 10 },
  I444P12: { shiftX: 0, shiftY: 0, bits: 12 },
};

/**
 * Copies a sample's visible rectangle as planes (coded orientation: rotation is not applied).
 * @returns the planes; strides in samples
 * @throws Error when the frame is not planar YUV in memory (NV12, RGB, an opaque GPU frame): the caller then lets
 *   ffmpeg.wasm decode the file, whose planes are always readable
 */
export async function samplePlanes(sample: VideoSample): Promise<YuvPlanes> {
  const format = sample.format ?? 'none';
  const kind = PLANAR[format];
  if (!kind) throw new Error(`the decoder gives ${format} frames, not planar YUV, so their HDR samples cannot be read`);
  const bytes = sample.allocationSize();
  const buffer = new ArrayBuffer(bytes);
  const layout = await sample.copyTo(buffer);
  const [yLayout, uLayout, vLayout] = layout;
  if (!yLayout || !uLayout || !vLayout) throw new Error(`copyTo gave ${layout.length} planes for ${format}`);
  const { width, height } = sample.visibleRect;
  const wide = kind.bits > 8;
  const sampleBytes = wide ? 2 : 1;
  const ch = Math.ceil(height / 2 ** kind.shiftY);
  const view = (l: PlaneLayout, rows: number) => {
    const length = (l.stride * rows) / sampleBytes;
    return wide ? new Uint16Array(buffer, l.offset, Math.floor(length)) : new Uint8Array(buffer, l.offset, length);
  };
  if (uLayout.stride !== vLayout.stride) throw new Error('chroma planes of different strides');
  return {
    width,
    height,
    bitDepth: kind.bits,
    y: view(yLayout, height),
    u: view(uLayout, ch),
    v: view(vLayout, ch),
    yStride: yLayout.stride / sampleBytes,
    cStride: uLayout.stride / sampleBytes,
    chromaShiftX: kind.shiftX,
    chromaShiftY: kind.shiftY,
  };
}
