/**
 * The scaler's vertical pass (core/color/yuv/resample.ts `RowKernel`) in WebAssembly SIMD: scaleKernel.wat, assembled by
 * scripts/wasm/build.mjs into scaleKernelBytes.ts. Per source row, line[i] += w · src[i] four samples at a time.
 * Compiled once, synchronously (the module is ~400 bytes), on first use; null where WebAssembly or its SIMD is
 * missing, and the scaler then runs its JS loop.
 */
import type { RowKernel } from '../../../core/color/yuv/resample';
import { SCALE_KERNEL_BASE64 } from './scaleKernelBytes';

let kernel: RowKernel | null | undefined;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The kernel, or null when this runtime has no WebAssembly SIMD (or a test turned it off). */
export function scaleKernel(): RowKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  if (typeof WebAssembly === 'undefined') return kernel;
  try {
    const bytes = bytesOf(SCALE_KERNEL_BASE64);
    if (!WebAssembly.validate(bytes)) return kernel;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    const exports = instance.exports as unknown as Pick<RowKernel, 'rowAdd8' | 'rowAdd16'>;
    kernel = {
      memory,
      rowAdd8: exports.rowAdd8,
      rowAdd16: exports.rowAdd16,
      reserve(need: number) {
        const have = memory.buffer.byteLength;
        if (need > have) memory.grow(Math.ceil((need - have) / 65_536));
      },
    };
  } catch {
    kernel = null;
  }
  return kernel;
}
