/**
 * Speed of Snapframe's HDR -> SDR conversion (src/core/hdr/) in Node's V8, the engine of the worker that runs it:
 * ms per picture for a real 1080p HDR10 frame (made here from test-media/bbb_2500ms.ts with the system's
 * ffmpeg: zscale to BT.2020 PQ, 10-bit 4:2:0), converted
 *   - at full size (what a full-size snapshot costs),
 *   - after resamplePlanes to 320x180 (what the WebCodecs path does for a 320 px snapshot),
 *   - from 320x180 4:4:4 16-bit planes (what the ffmpeg.wasm path converts after ffmpeg's scaler).
 * `node scripts/bench/hdr.mjs`; prints CPU time per picture and the load average (the machine is shared). The TypeScript is bundled on the fly
 * with rolldown (Vite's bundler).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const media = process.env.SNAPFRAME_MEDIA ?? path.resolve(root, 'test-media');
const ffmpeg = process.env.FFMPEG ?? 'ffmpeg';

async function load(entry) {
  const out = await build({ input: path.join(root, entry), write: false, output: { format: 'esm' } });
  return import(`data:text/javascript;base64,${Buffer.from(out.output[0].code).toString('base64')}`);
}
const { hdrToSdr } = await load('src/core/color/hdr/convert.ts');
const { resamplePlanes } = await load('src/core/hdr/resample.ts');

/** One frame of `pix_fmt` at `size` from the 1080p MPEG-2 clip, made HDR10 by zscale. */
function frame(pixFmt, size) {
  const vf =
    'format=yuv420p,setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv,zscale=t=linear:npl=100,format=gbrpf32le,' +
    `zscale=p=bt2020:t=smpte2084:m=bt2020nc:r=tv${size ? `:w=${size[0]}:h=${size[1]}` : ''},format=${pixFmt}`;
  const args = ['-v', 'error', '-ss', '1', '-i', path.join(media, 'bbb_2500ms.ts'), '-frames:v', '1', '-vf', vf, '-f', 'rawvideo', '-'];
  const bytes = execFileSync(ffmpeg, args, { maxBuffer: 64 << 20 });
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}

const full = frame('yuv420p10le');
const [W, H] = [1920, 1080];
const p420 = {
  width: W,
  height: H,
  bitDepth: 10,
  yStride: W,
  cStride: W / 2,
  chromaShiftX: 1,
  chromaShiftY: 1,
  y: full.subarray(0, W * H),
  u: full.subarray(W * H, W * H * 1.25),
  v: full.subarray(W * H * 1.25),
};
const small = frame('yuv444p16le', [320, 180]);
const n = 320 * 180;
const p444 = {
  width: 320,
  height: 180,
  bitDepth: 16,
  yStride: 320,
  cStride: 320,
  chromaShiftX: 0,
  chromaShiftY: 0,
  y: small.subarray(0, n),
  u: small.subarray(n, 2 * n),
  v: small.subarray(2 * n),
};

/** CPU time (user + system) per call, ms: steadier than wall time on a loaded machine. */
function time(runs, fn) {
  for (let i = 0; i < 3; i += 1) fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / runs;
}

console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (${os.cpus().length} cores); CPU ms per picture:`,
);
for (const transfer of ['pq', 'hlg']) {
  for (const mode of ['hable', 'bt2390', 'off']) {
    const source = { transfer, primaries: 'bt2020', matrix: 'bt2020nc', fullRange: false, peakNits: 1000 };
    const a = time(10, () => hdrToSdr(p420, source, mode));
    const b = time(30, () => hdrToSdr(resamplePlanes(p420, 320, 180), source, mode));
    const c = time(200, () => hdrToSdr(p444, source, mode));
    console.log(
      `${transfer} ${mode.padEnd(6)}: 1080p full size ${a.toFixed(1)} ms; 1080p -> 320x180 resample + convert ${b.toFixed(1)} ms; 320x180 4:4:4 ${c.toFixed(2)} ms`,
    );
  }
}
console.log(`resample only, 1080p 4:2:0 -> 320x180: ${time(30, () => resamplePlanes(p420, 320, 180)).toFixed(1)} ms`);
