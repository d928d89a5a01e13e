/**
 * The one HDR → SDR step after decoding, for both decoders (the maths is src/core/hdr/): full-depth YCbCr
 * planes in, an SDR BT.709 RGBA picture at the picture size out, which then goes through the same draw/encode
 * pipeline as any frame (encode.ts). The planes are first scaled to the picture size (planes/planesCanvas.ts), so the
 * conversion runs on the output's pixels, not the source's.
 */
import type { VideoSample } from 'mediabunny';
import type { HdrSource } from '../../../core/color/hdr/colorInfo';
import { hdrToSdr } from '../../../core/color/hdr/convert';
import type { HdrMode } from '../../../core/job/types';
import type { YuvPlanes } from '../../../core/color/yuv/planes';
import { FULL_CHROMA } from '../../../core/color/yuv/resample';
import { planesCanvas } from '../planes/planesCanvas';

/** ffmpeg's pixel format for HDR pictures on the ffmpeg.wasm path: 4:4:4, 16 bits a sample, little-endian. */
export const HDR_PIXEL_FORMAT = 'yuv444p16le' as const;
/** Bytes per pixel of {@link HDR_PIXEL_FORMAT}. */
export const HDR_BYTES_PER_PIXEL = 6;

/**
 * A WebCodecs frame as an SDR canvas of `width` x `height` px (display orientation: the track's rotation and flip
 * applied): its planes, scaled to the picture size in coded orientation, converted with {@link hdrToSdr}.
 * @throws Error when the frame's planes cannot be read (see samplePlanes): the caller falls back to ffmpeg.wasm
 */
export function hdrSampleCanvas(
  sample: VideoSample,
  source: HdrSource,
  mode: HdrMode,
  width: number,
  height: number,
): Promise<OffscreenCanvas> {
  return planesCanvas(sample, width, height, FULL_CHROMA, (planes) => hdrToSdr(planes, source, mode));
}

/**
 * Raw {@link HDR_PIXEL_FORMAT} bytes from ffmpeg (planes Y, Cb, Cr of width x height 16-bit samples, already scaled
 * and rotated by ffmpeg) as SDR RGBA, width x height x 4 bytes.
 * @throws Error when the byte count is not width x height x 6
 */
export function hdrRawToRgba(bytes: Uint8Array, width: number, height: number, source: HdrSource, mode: HdrMode): Uint8Array {
  const pixels = width * height;
  if (bytes.byteLength !== pixels * HDR_BYTES_PER_PIXEL) {
    throw new Error(`ffmpeg returned ${bytes.byteLength} bytes where ${width}x${height} ${HDR_PIXEL_FORMAT} was expected`);
  }
  // Uint16Array views need an even offset; a run's frames are sliced out of one buffer at even offsets, but be safe.
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  const samples = new Uint16Array(aligned.buffer, aligned.byteOffset, pixels * 3);
  const planes: YuvPlanes = {
    width,
    height,
    bitDepth: 16,
    y: samples.subarray(0, pixels),
    u: samples.subarray(pixels, 2 * pixels),
    v: samples.subarray(2 * pixels),
    yStride: width,
    cStride: width,
    chromaShiftX: 0,
    chromaShiftY: 0,
  };
  const rgba = hdrToSdr(planes, source, mode);
  return new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
}
