import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { YuvPlanes } from '../../../core/color/yuv/planes';
import { RGB_OUTPUT_CHROMA, resamplePlanes } from '../../../core/color/yuv/resample';
import { scaleKernel } from './scaleKernel';
// @ts-expect-error: a plain .mjs script without types
import { assemble, bytesModule } from '../../../../scripts/wasm/build.mjs';

function noise(width: number, height: number, bits: number, seed: number): Uint16Array | Uint8Array {
  const plane = bits > 8 ? new Uint16Array(width * height) : new Uint8Array(width * height);
  let x = seed;
  for (let i = 0; i < plane.length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    plane[i] = ((x >>> 8) + (i % width) * 3) % 2 ** bits;
  }
  return plane;
}

function planes(width: number, height: number, bits: number): YuvPlanes {
  return {
    width,
    height,
    bitDepth: bits,
    y: noise(width, height, bits, 1),
    u: noise(width / 2, height / 2, bits, 2),
    v: noise(width / 2, height / 2, bits, 3),
    yStride: width,
    cStride: width / 2,
    chromaShiftX: 1,
    chromaShiftY: 1,
  };
}

describe('scale kernel (WebAssembly SIMD)', () => {
  it('is the assembly of scaleKernel.wat (run node scripts/wasm/build.mjs after editing it)', async () => {
    const wat = fs.readFileSync(new URL('./scaleKernel.wat', import.meta.url), 'utf8');
    const committed = fs.readFileSync(new URL('./scaleKernelBytes.ts', import.meta.url), 'utf8');
    expect(bytesModule(await assemble(wat))).toBe(committed);
  });
  it("gives the JS loop's pictures within one code value, 8 and 10 bits, widths not a multiple of 4", () => {
    const kernel = scaleKernel();
    expect(kernel).not.toBeNull();
    for (const [bits, w, h, ow, oh] of [
      [8, 198, 110, 66, 37],
      [10, 130, 74, 32, 18],
      [8, 64, 36, 96, 54],
    ] as const) {
      const p = planes(w, h, bits);
      const js = resamplePlanes(p, ow, oh, RGB_OUTPUT_CHROMA);
      const simd = resamplePlanes(p, ow, oh, RGB_OUTPUT_CHROMA, kernel);
      for (const plane of ['y', 'u', 'v'] as const) {
        const a = js[plane];
        const b = simd[plane];
        expect(b.length).toBe(a.length);
        const worst = Math.max(...Array.from(a, (v, i) => Math.abs(v - (b[i] as number))));
        expect(worst, `${bits} bits ${w}x${h} -> ${ow}x${oh} ${plane}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
