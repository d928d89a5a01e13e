/**
 * Speed of Snapframe's deinterlacer (src/core/deinterlace/bwdif.ts: bwdif's algorithm, one frame per frame) in Node's
 * V8, the engine of the worker it is meant to run in: ms per 1080i frame (4:2:0: the 1920x1080 luma plane and two
 * 960x540 chroma planes), three consecutive frames of a real interlaced picture made here with the system's ffmpeg
 * (test-media/bbb_2500ms.ts, 1080 lines, woven in pairs by `tinterlace=interleave_top`: moving content, so most
 * samples take the motion path). Native ffmpeg's own bwdif (C with SIMD, one thread) on the same frames is printed
 * beside it. `node scripts/bench/deinterlace.mjs`; prints the figures and the load average (the machine is shared).
 * The TypeScript is bundled on the fly with rolldown (Vite's bundler).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const media = process.env.SNAPFRAME_MEDIA ?? path.resolve(root, 'test-media');
const ffmpeg = process.env.FFMPEG ?? 'ffmpeg';
const input = path.join(media, 'bbb_2500ms.ts');

const out = await build({ input: path.join(root, 'src/core/deinterlace/bwdif.ts'), write: false, output: { format: 'esm' } });
const { bwdifPlane } = await import(`data:text/javascript;base64,${Buffer.from(out.output[0].code).toString('base64')}`);

const [W, H] = [1920, 1080];
const frameBytes = (W * H * 3) / 2;
const raw = execFileSync(
  ffmpeg,
  [
    '-v',
    'error',
    '-i',
    input,
    '-vf',
    'scale=1920:1080,tinterlace=mode=interleave_top,format=yuv420p',
    '-frames:v',
    '3',
    '-f',
    'rawvideo',
    '-',
  ],
  { maxBuffer: 64 << 20 },
);
if (raw.byteLength < 3 * frameBytes) throw new Error(`ffmpeg gave ${raw.byteLength} bytes, expected 3 frames of ${frameBytes}`);
const planes = (i) => {
  const base = i * frameBytes;
  const plane = (offset, width, height) => ({
    data: raw.subarray(base + offset, base + offset + width * height),
    width,
    height,
    stride: width,
  });
  return [plane(0, W, H), plane(W * H, W / 2, H / 2), plane((W * H * 5) / 4, W / 2, H / 2)];
};
const [prev, cur, next] = [planes(0), planes(1), planes(2)];

const runs = Number(process.env.RUNS ?? 20);
for (let i = 0; i < 3; i += 1) for (let p = 0; p < 3; p += 1) bwdifPlane(prev[p], cur[p], next[p], true); // warm-up
const started = process.cpuUsage();
const wall = performance.now();
for (let i = 0; i < runs; i += 1) for (let p = 0; p < 3; p += 1) bwdifPlane(prev[p], cur[p], next[p], true);
const cpu = process.cpuUsage(started);
const wallMs = (performance.now() - wall) / runs;
const cpuMs = (cpu.user + cpu.system) / 1000 / runs;

// Native: the three frames five times over (15 frames) through one ffmpeg process.
const repeated = Buffer.concat(Array.from({ length: 5 }, () => raw.subarray(0, 3 * frameBytes)));
const nativeStart = performance.now();
execFileSync(
  ffmpeg,
  [
    '-v',
    'error',
    '-threads',
    '1',
    '-filter_threads',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${W}x${H}`,
    '-i',
    '-',
    '-vf',
    'setfield=tff,bwdif=mode=send_frame:deint=all',
    '-f',
    'null',
    '-',
  ],
  { input: repeated, maxBuffer: 64 << 20 },
);
const nativeMs = (performance.now() - nativeStart) / 15;

console.log(
  `bwdif (TypeScript, Node ${process.version}): ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU per 1080i frame (${runs} runs)`,
);
console.log(`native ffmpeg bwdif, 1 thread, process start included: ${nativeMs.toFixed(1)} ms per frame`);
console.log(
  `load average: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores (shared machine)`,
);
