/**
 * Decoded pictures as YCbCr planes (both decoders give them: WebCodecs `VideoFrame.copyTo` without an RGB format,
 * ffmpeg's raw `yuv444p16le`), shared by the HDR conversion (core/hdr) and the SDR one (sdrToRgba.ts).
 */

/** One picture's planes, code values of `bitDepth` bits in 16-bit (or 8-bit) samples; strides in samples. */
export interface YuvPlanes {
  /** Luma size, px. */
  width: number;
  height: number;
  bitDepth: number;
  y: Uint16Array | Uint8Array;
  u: Uint16Array | Uint8Array;
  v: Uint16Array | Uint8Array;
  yStride: number;
  cStride: number;
  /** log2 of the chroma subsampling: 1, 1 for 4:2:0; 1, 0 for 4:2:2; 0, 0 for 4:4:4. */
  chromaShiftX: number;
  chromaShiftY: number;
}
