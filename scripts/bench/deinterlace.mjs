/**
 * Speed of Snapframe's deinterlacer (src/core/deinterlace/bwdif.ts: bwdif's algorithm, one frame per frame) in Node's
 * V8, the engine of the worker it is meant to run in: ms per 1080i frame (4:2:0: the 1920x1080 luma plane and two
 * 960x540 chroma planes), three consecutive frames of a real interlaced picture made here with the system's ffmpeg
 * (test-media/bbb_2500ms.ts, 1080 lines, woven in pairs by `tinterlace=interleave_top`: moving content, so most
 * samples take the motion path). Native ffmpeg's own bwdif (C with SIMD, one thread) on the same frames is printed
 * beside it. The same frames as 10-bit planes (`yuv420p10le`, Uint16Array) next, then the 8-bit ones again (the
 * function having seen both kinds of array, as in a worker that has deinterlaced both kinds of source).
 * `node scripts/bench/deinterlace.mjs` (RUNS=n for n runs a figure, 20 by default); prints the figures and the load
 * average (the machine is shared). The TypeScript is bundled on the fly with rolldown (Vite's bundler).
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
/** Three consecutive frames as planes [Y, U, V]: 8-bit (`yuv420p`, Uint8Array) or 10-bit (`yuv420p10le`, Uint16Array). */
const frames = (bitDepth) => {
  const bytesPerSample = bitDepth > 8 ? 2 : 1;
  const frameBytes = ((W * H * 3) / 2) * bytesPerSample;
  const raw = execFileSync(
    ffmpeg,
    [
      '-v',
      'error',
      '-i',
      input,
      '-vf',
      `scale=1920:1080,tinterlace=mode=interleave_top,format=${bitDepth > 8 ? 'yuv420p10le' : 'yuv420p'}`,
      '-frames:v',
      '3',
      '-f',
      'rawvideo',
      '-',
    ],
    { maxBuffer: 64 << 20 },
  );
  if (raw.byteLength < 3 * frameBytes) throw new Error(`ffmpeg gave ${raw.byteLength} bytes, expected 3 frames of ${frameBytes}`);
  // A copy, so that 16-bit words are aligned (little-endian, as this machine).
  const all = bitDepth > 8 ? new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + 3 * frameBytes)) : raw;
  const samples = frameBytes / bytesPerSample;
  const planes = (i) => {
    const base = i * samples;
    const plane = (offset, width, height) => ({
      data: all.subarray(base + offset, base + offset + width * height),
      width,
      height,
      stride: width,
    });
    return [plane(0, W, H), plane(W * H, W / 2, H / 2), plane((W * H * 5) / 4, W / 2, H / 2)];
  };
  return { raw, frameBytes, planes: [planes(0), planes(1), planes(2)] };
};

const runs = Number(process.env.RUNS ?? 20);
/** ms of wall and CPU time per 1080i frame (three planes) over `runs` runs, after a warm-up of three. */
const measure = ([prev, cur, next], bitDepth) => {
  for (let i = 0; i < 3; i += 1) for (let p = 0; p < 3; p += 1) bwdifPlane(prev[p], cur[p], next[p], true, bitDepth); // warm-up
  const started = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < runs; i += 1) for (let p = 0; p < 3; p += 1) bwdifPlane(prev[p], cur[p], next[p], true, bitDepth);
  const cpu = process.cpuUsage(started);
  return `${((performance.now() - wall) / runs).toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000 / runs).toFixed(1)} ms CPU`;
};
const eight = frames(8);
const ten = frames(10);
// 8-bit first, while bwdifPlane has seen only Uint8Arrays; then 10-bit; then 8-bit again, as a worker that has
// deinterlaced both kinds of source runs it.
const figures = [measure(eight.planes, 8), measure(ten.planes, 10), measure(eight.planes, 8)];
const { raw, frameBytes } = eight;

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

console.log(`bwdif (TypeScript, Node ${process.version}), per 1080i frame, ${runs} runs:`);
console.log(`  8-bit (yuv420p): ${figures[0]}`);
console.log(`  10-bit (yuv420p10le): ${figures[1]}`);
console.log(`  8-bit again, after 10-bit: ${figures[2]}`);
console.log(`native ffmpeg bwdif, 1 thread, process start included: ${nativeMs.toFixed(1)} ms per frame`);
console.log(
  `load average: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores (shared machine)`,
);
