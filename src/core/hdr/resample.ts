/**
 * Scaling YCbCr planes before the HDR conversion: a picture smaller than the decoded frame is converted at its own
 * size (docs/ENGINE.md "HDR to SDR": tone mapping is nonlinear, so averaging before it differs from averaging after
 * it; measured against ffmpeg's full-size chain, the difference is below a level at 320 px, and converting 1080p
 * costs ~30x more than converting 320x180). Pure typed-array code.
 */
import type { YuvPlanes } from './convert';

/**
 * Area-averages (downscale) or samples (upscale) one plane to `width` x `height`: output pixel (x, y) is the mean of
 * the source samples whose index lies in [x·sx, (x+1)·sx) × [y·sy, (y+1)·sy) (at least one sample), sx = source
 * width / width. Integer means, rounded.
 */
function resamplePlane(
  plane: Uint16Array | Uint8Array,
  stride: number,
  planeWidth: number,
  planeHeight: number,
  width: number,
  height: number,
): Uint16Array {
  const out = new Uint16Array(width * height);
  const sx = planeWidth / width;
  const sy = planeHeight / height;
  const x0 = new Int32Array(width + 1);
  for (let x = 0; x <= width; x += 1) x0[x] = Math.min(planeWidth, Math.floor(x * sx));
  let o = 0;
  for (let y = 0; y < height; y += 1) {
    const top = Math.min(planeHeight - 1, Math.floor(y * sy));
    const bottom = Math.max(top + 1, Math.min(planeHeight, Math.floor((y + 1) * sy)));
    for (let x = 0; x < width; x += 1) {
      const left = Math.min(planeWidth - 1, x0[x] as number);
      const right = Math.max(left + 1, x0[x + 1] as number);
      let sum = 0;
      for (let row = top; row < bottom; row += 1) {
        const base = row * stride;
        for (let col = left; col < right; col += 1) sum += plane[base + col] as number;
      }
      out[o++] = Math.round(sum / ((bottom - top) * (right - left)));
    }
  }
  return out;
}

/**
 * The planes at `width` x `height` px, 4:4:4 (luma and chroma each resampled with {@link resamplePlane}; chroma of
 * 4:2:0 or 4:2:2 is upsampled by repetition where the output is larger than the chroma plane).
 * @param width output size, px (>= 1)
 */
export function resamplePlanes(planes: YuvPlanes, width: number, height: number): YuvPlanes {
  const cw = Math.ceil(planes.width / 2 ** planes.chromaShiftX);
  const ch = Math.ceil(planes.height / 2 ** planes.chromaShiftY);
  return {
    width,
    height,
    bitDepth: planes.bitDepth,
    y: resamplePlane(planes.y, planes.yStride, planes.width, planes.height, width, height),
    u: resamplePlane(planes.u, planes.cStride, cw, ch, width, height),
    v: resamplePlane(planes.v, planes.cStride, cw, ch, width, height),
    yStride: width,
    cStride: width,
    chromaShiftX: 0,
    chromaShiftY: 0,
  };
}
