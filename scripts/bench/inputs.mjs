/**
 * The benchmark's input videos, made with the system's ffmpeg (Debian's) when missing and reused when present.
 *
 * 1. `cycle-1080p30.mp4`: every clip of test-media/ (about 54 s in all) scaled to fill 1920x1080 (aspect kept,
 *    cropped to 16:9; rotation applied by ffmpeg), 30 fps, concatenated and encoded once with libx264
 *    `-preset veryfast -crf 21`, default GOP (keyint 250 with scene-cut keyframes), no audio.
 * 2. `bench-<D>s-1080p30.mp4`: the cycle looped to D seconds (default 600) by stream copy (`-stream_loop -1 -t D
 *    -c copy`). Encoding ten minutes of 1080p on the 2-core benchmark machine took ~20 minutes under load; looping the
 *    encoded cycle gives the same codec settings, GOP structure and bitrate in a few seconds.
 * 3. `bench-<12 D>s-copy.mp4`: the D-second file looped 12 times by stream copy (`-stream_loop 11 -c copy`): two hours
 *    and over 2.5 GB with the default D.
 * 4. `trickplay-<T>s-720p30-gop3s.mp4` (ensureTrickplayInput, `npm run bench:trickplay` with
 *    SNAPFRAME_TRICKPLAY_INPUT=2h): the cycle scaled to 1280x720 and encoded once with libx264 `-preset veryfast -crf 21`
 *    at a fixed GOP of 90 frames (3 s: `-g 90 -keyint_min 90 -sc_threshold 0`), as streaming encoders cut it, then
 *    looped by stream copy to T seconds (default 7200: two hours) as `cycle-720p30-gop3s.mp4`.
 *
 * Environment: SNAPFRAME_BENCH_DIR (default /tmp/snapframe-bench), SNAPFRAME_BENCH_DURATION (seconds, default 600),
 * SNAPFRAME_MEDIA (default test-media/), FFMPEG / FFPROBE (default ffmpeg / ffprobe on the PATH).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const FFMPEG = process.env.FFMPEG ?? 'ffmpeg';
export const FFPROBE = process.env.FFPROBE ?? 'ffprobe';

/** The clips, in playing order; each one's first video stream is used. */
const CLIPS = [
  'flower.mp4',
  'friday.mp4',
  'Big_Buck_Bunny_180_10s.webm',
  'bbb_2500ms.ts',
  'internal_emulator_transformer_output_270_rotated.mp4',
  'sample_edit_list.mp4',
  'sowt-with-video.mov',
  'video-15s.avi',
  'flower.webm',
];

const W = 1920;
const H = 1080;
const FPS = 30;
/** `-stream_loop 11`: the long file is 12 copies of the short one. */
const LONG_LOOPS = 11;

/** Runs a command to completion; throws with its stderr tail when it fails. */
export function run(cmd, args, { quiet = true } = {}) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: quiet ? 'pipe' : 'inherit' });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    const tail = (res.stderr ?? '').split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.join(' ')}\nexited with ${res.status}\n${tail}`);
  }
  return res.stdout ?? '';
}

/** Container duration (s), size (bytes), video codec, size and frame rate of a file, or null if unreadable. */
export function probe(file) {
  if (!existsSync(file)) return null;
  try {
    const out = run(FFPROBE, [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'format=duration,bit_rate:stream=codec_name,width,height,avg_frame_rate',
      '-of',
      'json',
      file,
    ]);
    const json = JSON.parse(out);
    const stream = json.streams?.[0];
    const durationSec = Number(json.format?.duration);
    if (!stream || !Number.isFinite(durationSec)) return null;
    return {
      path: file,
      size: statSync(file).size,
      durationSec,
      bitrate: Number(json.format?.bit_rate) || null,
      codec: stream.codec_name,
      width: stream.width,
      height: stream.height,
      frameRate: stream.avg_frame_rate,
    };
  } catch {
    return null;
  }
}

/** True when `info` is an H.264 file of `size` (default 1080p) lasting `durationSec` (within 1 %) and at least `minBytes` long. */
function usable(info, durationSec, minBytes = 1, size = { width: W, height: H }) {
  return (
    info !== null &&
    info.codec === 'h264' &&
    info.width === size.width &&
    info.height === size.height &&
    Math.abs(info.durationSec - durationSec) <= durationSec * 0.01 &&
    info.size >= minBytes
  );
}

/** Runs ffmpeg into `out` through a temporary name, so that an interrupted run never leaves a file that looks done. */
function ffmpegTo(out, args) {
  const tmp = `${out}.part${path.extname(out)}`;
  rmSync(tmp, { force: true });
  run(FFMPEG, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args, tmp]);
  renameSync(tmp, out);
}

function makeCycle(mediaDir, out) {
  const inputs = [];
  const chains = [];
  CLIPS.forEach((clip, i) => {
    const file = path.join(mediaDir, clip);
    if (!existsSync(file)) throw new Error(`Missing clip ${file} (it belongs in test-media/; SNAPFRAME_MEDIA names another folder).`);
    inputs.push('-i', file);
    chains.push(
      `[${i}:v:0]scale=${W}:${H}:force_original_aspect_ratio=increase:flags=lanczos,crop=${W}:${H},` +
        `setsar=1,fps=${FPS},format=yuv420p[v${i}]`,
    );
  });
  const concat = `${CLIPS.map((_, i) => `[v${i}]`).join('')}concat=n=${CLIPS.length}:v=1:a=0[v]`;
  ffmpegTo(out, [
    ...inputs,
    '-filter_complex',
    `${chains.join(';')};${concat}`,
    '-map',
    '[v]',
    '-an',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '21',
    '-movflags',
    '+faststart',
  ]);
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Makes the inputs that are missing.
 * @returns {{ short: object, long: object, madeSec: number, made: string[] }} probe results of both files
 */
export function ensureInputs({ benchDir, mediaDir, durationSec, log = console.log }) {
  mkdirSync(benchDir, { recursive: true });
  const cycle = path.join(benchDir, 'cycle-1080p30.mp4');
  const shortFile = path.join(benchDir, `bench-${durationSec}s-1080p30.mp4`);
  const longSec = durationSec * (LONG_LOOPS + 1);
  const longFile = path.join(benchDir, `bench-${longSec}s-copy.mp4`);
  const made = [];
  const started = performance.now();
  const step = (label, fn) => {
    const t0 = performance.now();
    log(`  making ${label}...`);
    fn();
    const sec = (performance.now() - t0) / 1000;
    made.push(`${label}: ${sec.toFixed(1)} s`);
    log(`  made ${label} in ${sec.toFixed(1)} s`);
  };

  let short = probe(shortFile);
  if (!usable(short, durationSec)) {
    const cycleInfo = probe(cycle);
    if (!cycleInfo || !usable(cycleInfo, cycleInfo.durationSec) || cycleInfo.durationSec < 50) {
      step(`${path.basename(cycle)} (encode ${CLIPS.length} clips, libx264 veryfast crf 21)`, () => makeCycle(mediaDir, cycle));
    }
    step(`${path.basename(shortFile)} (loop to ${durationSec} s, stream copy)`, () =>
      ffmpegTo(shortFile, ['-stream_loop', '-1', '-i', cycle, '-t', String(durationSec), '-map', '0:v:0', '-c', 'copy']),
    );
    short = probe(shortFile);
    if (!usable(short, durationSec)) throw new Error(`${shortFile} came out wrong: ${JSON.stringify(short)}`);
  }

  const expectedLong = short.size * (LONG_LOOPS + 1) * 0.99;
  let long = probe(longFile);
  if (!usable(long, longSec, expectedLong)) {
    step(`${path.basename(longFile)} (-stream_loop ${LONG_LOOPS} -c copy)`, () =>
      ffmpegTo(longFile, ['-stream_loop', String(LONG_LOOPS), '-i', shortFile, '-map', '0:v:0', '-c', 'copy']),
    );
    long = probe(longFile);
    if (!usable(long, longSec, expectedLong)) throw new Error(`${longFile} came out wrong: ${JSON.stringify(long)}`);
  }
  const madeSec = made.length ? (performance.now() - started) / 1000 : 0;
  log(made.length ? `  inputs made in ${madeSec.toFixed(1)} s (${made.join('; ')})` : '  inputs present: reused (delete them to remake)');
  for (const f of [short, long]) {
    log(`  ${path.basename(f.path)}: ${f.durationSec.toFixed(1)} s, ${mb(f.size)}, ${((f.bitrate ?? 0) / 1e6).toFixed(2)} Mbit/s`);
  }
  if (long.size <= 2.5e9) log(`  note: the long file is ${mb(long.size)}, not over 2.5 GB`);
  return { short, long, madeSec, made };
}

/** The trickplay bench's 720p input: width, height, GOP (frames at 30 fps). */
const TRICKPLAY = { width: 1280, height: 720, gop: 90 };

/**
 * Makes (or reuses) the trickplay bench's two-hour file: item 4 of this file's list. Needs the 1080p cycle, which
 * {@link ensureInputs} makes.
 * @param durationSec length of the looped file, s (default 7200)
 * @returns the probe of the file
 */
export function ensureTrickplayInput({ benchDir, durationSec = 7200, log = console.log }) {
  const cycle = path.join(benchDir, 'cycle-1080p30.mp4');
  const cycle720 = path.join(benchDir, 'cycle-720p30-gop3s.mp4');
  const out = path.join(benchDir, `trickplay-${durationSec}s-720p30-gop3s.mp4`);
  const size = { width: TRICKPLAY.width, height: TRICKPLAY.height };
  let info = probe(out);
  if (usable(info, durationSec, 1, size)) return info;
  const cycleInfo = probe(cycle720);
  if (!cycleInfo || !usable(cycleInfo, cycleInfo.durationSec, 1, size)) {
    log(`  making ${path.basename(cycle720)} (720p, libx264 veryfast crf 21, GOP ${TRICKPLAY.gop} frames)...`);
    ffmpegTo(cycle720, [
      '-i',
      cycle,
      '-an',
      '-vf',
      `scale=${TRICKPLAY.width}:${TRICKPLAY.height}:flags=lanczos`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '21',
      '-g',
      String(TRICKPLAY.gop),
      '-keyint_min',
      String(TRICKPLAY.gop),
      '-sc_threshold',
      '0',
      '-movflags',
      '+faststart',
    ]);
  }
  log(`  making ${path.basename(out)} (loop to ${durationSec} s, stream copy)...`);
  ffmpegTo(out, [
    '-stream_loop',
    '-1',
    '-i',
    cycle720,
    '-t',
    String(durationSec),
    '-map',
    '0:v:0',
    '-c',
    'copy',
    '-movflags',
    '+faststart',
  ]);
  info = probe(out);
  if (!usable(info, durationSec, 1, size)) throw new Error(`${out} came out wrong: ${JSON.stringify(info)}`);
  log(`  ${path.basename(out)}: ${info.durationSec.toFixed(1)} s, ${mb(info.size)}, ${((info.bitrate ?? 0) / 1e6).toFixed(2)} Mbit/s`);
  return info;
}
