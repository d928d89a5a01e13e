/**
 * Speed of Snapframe's HDR -> SDR conversion (src/core/hdr/convert.ts) in Node's V8 (the same engine as the
 * worker's): ms per picture for a 1080p 4:2:0 10-bit frame (the WebCodecs path converts at the decoded size) and a
 * 320x180 4:4:4 16-bit one (the ffmpeg.wasm path converts after ffmpeg's scaler). `node scripts/bench/hdr.mjs`.
 * The TypeScript is bundled on the fly with rolldown (Vite's bundler). Random code values: no branch is
 * predictable, so this is an upper bound for real pictures.
 */
import { build } from 'rolldown';
import os from 'node:os';

const out = await build({ input: 'src/core/hdr/convert.ts', write: false, output: { format: 'esm' } });
const { hdrToSdr } = await import(`data:text/javascript;base64,${Buffer.from(out.output[0].code).toString('base64')}`);

function planes(width, height, bitDepth, shift) {
  const scale = 2 ** (bitDepth - 10);
  const cw = width >> shift;
  const ch = height >> shift;
  const y = new Uint16Array(width * height).map(() => (64 + Math.random() * 876) * scale);
  const u = new Uint16Array(cw * ch).map(() => (64 + Math.random() * 896) * scale);
  const v = new Uint16Array(cw * ch).map(() => (64 + Math.random() * 896) * scale);
  return { width, height, bitDepth, y, u, v, yStride: width, cStride: cw, chromaShiftX: shift, chromaShiftY: shift };
}

const source = { transfer: 'pq', primaries: 'bt2020', matrix: 'bt2020nc', fullRange: false, peakNits: 1000 };
const cases = [
  ['1920x1080 4:2:0 10-bit', planes(1920, 1080, 10, 1)],
  ['320x180 4:4:4 16-bit', planes(320, 180, 16, 0)],
];
console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const mode of ['hable', 'bt2390', 'off']) {
  for (const hlg of [false, true]) {
    for (const [name, p] of cases) {
      const src = { ...source, transfer: hlg ? 'hlg' : 'pq' };
      const rgba = new Uint8ClampedArray(p.width * p.height * 4);
      for (let i = 0; i < 3; i += 1) hdrToSdr(p, src, mode, rgba);
      const runs = p.width > 1000 ? 20 : 200;
      const t0 = performance.now();
      for (let i = 0; i < runs; i += 1) hdrToSdr(p, src, mode, rgba);
      const ms = (performance.now() - t0) / runs;
      console.log(`${src.transfer} ${mode.padEnd(7)} ${name.padEnd(24)} ${ms.toFixed(2)} ms per picture`);
      if (mode === 'off' && hlg) break;
    }
  }
}
