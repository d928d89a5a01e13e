/**
 * Ground truth from native ffmpeg/ffprobe (Debian's 5.1, /usr/bin): frame times and exact decoded frames, cached under
 * e2e/.cache/reference (git-ignored). The app's output is judged against these.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './media';

const execFileAsync = promisify(execFile);

const FFPROBE = process.env.SNAPFRAME_FFPROBE ?? 'ffprobe';
const FFMPEG = process.env.SNAPFRAME_FFMPEG ?? 'ffmpeg';

/** Cache root; one folder per source file version (path, size, mtime). */
export const cacheDir = path.join(repoRoot, 'e2e', '.cache', 'reference');

/** Tolerance (ms) when comparing a requested time with a frame time: pts_time is printed to the microsecond. */
export const FRAME_TIME_EPSILON_MS = 0.0005;

/** What native ffprobe says about the first video stream of a file. */
export interface ReferenceVideo {
  /** Absolute path of the file. */
  file: string;
  /** Video frame presentation times in ms, relative to the container's format start_time, ascending. */
  frames: number[];
  /** `decodeOrder[i]`: position of sorted frame i in the decoder's output (what `ffmpeg -fps_mode passthrough` emits). */
  decodeOrder: number[];
  /** The container's format start_time in ms (0 when absent). */
  startTimeMs: number;
  /** The container's format duration in ms. */
  durationMs: number;
  /** Coded size of the stream in px. */
  width: number;
  height: number;
  /** Rotation from the display matrix, degrees as ffprobe prints it (90, -90, 180, 0). */
  rotation: number;
  /** Display size in px: rotation applied, sample aspect ratio applied to the width. */
  displayWidth: number;
  displayHeight: number;
  /** ffprobe codec_name, e.g. `h264`, `vp9`, `mpeg2video`. */
  codec: string;
}

interface FfprobeFrame {
  pts_time?: string;
  best_effort_timestamp_time?: string;
}
interface FfprobeStream {
  codec_name?: string;
  r_frame_rate?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  tags?: Record<string, string>;
  side_data_list?: Array<{ rotation?: number | string }>;
}
interface FfprobeOutput {
  frames?: FfprobeFrame[];
  streams?: FfprobeStream[];
  format?: { start_time?: string; duration?: string; format_name?: string };
}

/**
 * ffmpeg's raw video demuxers: their frames carry no timestamps, and ffmpeg gives frame n (in output order) the time
 * n / r_frame_rate (the stream's timing, or 25 fps where it has none), which is what native ffmpeg's `-r` numbering
 * and Snapframe both use.
 */
const RAW_FORMATS = new Set(['h264', 'hevc', 'mpegvideo']);

function fileKey(file: string): string {
  const st = fs.statSync(file);
  const hash = createHash('sha1')
    .update(`${path.resolve(file)}|${st.size}|${st.mtimeMs}`)
    .digest('hex')
    .slice(0, 12);
  return `${path.basename(file).replace(/[^\w.-]/g, '_')}-${hash}`;
}

/** Writes a file atomically (temp name + rename) so that parallel workers never read half a cache entry. */
function writeAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

const probeMemo = new Map<string, Promise<ReferenceVideo>>();

/**
 * Probes a file with native ffprobe: frame times (pts_time, else best_effort_timestamp_time) of the first video
 * stream, in ms relative to the format start_time, plus geometry, duration and codec. Cached on disk.
 * @throws Error when ffprobe fails, finds no video stream or a frame without any timestamp.
 */
export function probeVideo(file: string): Promise<ReferenceVideo> {
  const key = fileKey(file);
  let memo = probeMemo.get(key);
  if (!memo) {
    memo = probeUncached(file, key);
    probeMemo.set(key, memo);
  }
  return memo;
}

async function probeUncached(file: string, key: string): Promise<ReferenceVideo> {
  const cacheFile = path.join(cacheDir, key, 'probe.json');
  if (fs.existsSync(cacheFile)) {
    return JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as ReferenceVideo;
  }
  const { stdout } = await execFileAsync(
    FFPROBE,
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'frame=best_effort_timestamp_time,pts_time',
      '-show_entries',
      'format=start_time,duration,format_name',
      '-show_entries',
      'stream=codec_name,width,height,sample_aspect_ratio,r_frame_rate:stream_tags=rotate:stream_side_data=rotation',
      '-of',
      'json',
      file,
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const out = JSON.parse(stdout) as FfprobeOutput;
  const stream = out.streams?.[0];
  if (!stream || !stream.width || !stream.height) throw new Error(`ffprobe found no video stream in ${file}`);
  const rawRate = RAW_FORMATS.has(out.format?.format_name ?? '') ? /^(\d+)\/(\d+)$/.exec(stream.r_frame_rate ?? '') : null;
  if (rawRate)
    return writeProbe(cacheFile, rawStreamReference(file, stream, out.frames?.length ?? 0, Number(rawRate[2]) / Number(rawRate[1])));
  const startTimeMs = out.format?.start_time ? Number(out.format.start_time) * 1000 : 0;
  const declaredMs = Number(out.format?.duration ?? NaN) * 1000;
  // An AVIF sequence's mvhd says 0 (ffmpeg's avif muxer): ffprobe's format duration is then 0, and its stream's is right.
  const durationMs = Number.isFinite(declaredMs) && declaredMs > 0 ? declaredMs : (await lastPacketEndMs(file)) - startTimeMs;
  const raw = (out.frames ?? []).map((f, i) => {
    const s = f.pts_time ?? f.best_effort_timestamp_time;
    if (s === undefined || s === 'N/A') throw new Error(`ffprobe: frame ${i} of ${file} has no timestamp`);
    return Number(s) * 1000 - startTimeMs;
  });
  if (raw.length === 0) throw new Error(`ffprobe decoded no video frame from ${file}`);
  const decodeOrder = raw.map((_, i) => i).sort((a, b) => raw[a]! - raw[b]! || a - b);
  const frames = decodeOrder.map((i) => raw[i]!);

  let rotation = 0;
  for (const sd of stream.side_data_list ?? []) if (sd.rotation !== undefined) rotation = Number(sd.rotation);
  if (!rotation && stream.tags?.rotate) rotation = Number(stream.tags.rotate);
  let displayWidth = stream.width;
  let displayHeight = stream.height;
  const sar = /^(\d+):(\d+)$/.exec(stream.sample_aspect_ratio ?? '');
  if (sar && Number(sar[1]) > 0 && Number(sar[2]) > 0 && sar[1] !== sar[2]) {
    displayWidth = Math.round((displayWidth * Number(sar[1])) / Number(sar[2]));
  }
  if (Math.abs(rotation) % 180 === 90) [displayWidth, displayHeight] = [displayHeight, displayWidth];

  const info: ReferenceVideo = {
    file: path.resolve(file),
    frames,
    decodeOrder,
    startTimeMs,
    durationMs,
    width: stream.width,
    height: stream.height,
    rotation,
    displayWidth,
    displayHeight,
    codec: stream.codec_name ?? 'unknown',
  };
  return writeProbe(cacheFile, info);
}

function writeProbe(cacheFile: string, info: ReferenceVideo): ReferenceVideo {
  writeAtomic(cacheFile, JSON.stringify(info));
  return info;
}

/**
 * A raw stream's reference: `count` frames (as ffprobe decoded them, in output order), frame n at n × `frameSec`, the
 * duration count × frameSec, start 0.
 */
function rawStreamReference(file: string, stream: FfprobeStream, count: number, frameSec: number): ReferenceVideo {
  if (count === 0) throw new Error(`ffprobe decoded no video frame from ${file}`);
  const frames = Array.from({ length: count }, (_, n) => n * frameSec * 1000);
  return {
    file: path.resolve(file),
    frames,
    decodeOrder: frames.map((_, n) => n),
    startTimeMs: 0,
    durationMs: count * frameSec * 1000,
    width: stream.width as number,
    height: stream.height as number,
    rotation: 0,
    displayWidth: stream.width as number,
    displayHeight: stream.height as number,
    codec: stream.codec_name ?? 'unknown',
  };
}

/**
 * Where the last packet of any stream ends (pts + duration, ms on the file's own clock): the duration of a file
 * whose container declares none (a live MKV), as ffprobe's own estimate from the streams would be.
 * @throws Error when ffprobe lists no packet with a time
 */
async function lastPacketEndMs(file: string): Promise<number> {
  const { stdout } = await execFileAsync(
    FFPROBE,
    ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file],
    {
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  let end = -Infinity;
  for (const line of stdout.split('\n')) {
    const [pts, duration] = line.split(',').map(Number);
    if (pts !== undefined && Number.isFinite(pts)) end = Math.max(end, (pts + (Number.isFinite(duration) ? duration! : 0)) * 1000);
  }
  if (!Number.isFinite(end)) throw new Error(`ffprobe lists no timed packet in ${file}`);
  return end;
}

/** Video frame times of a file in ms relative to the container's start_time, ascending (see {@link probeVideo}). */
export async function probeFrames(file: string): Promise<number[]> {
  return (await probeVideo(file)).frames;
}

/**
 * Index of the frame displayed at `tMs` (docs/SPEC.md "Times"): the last frame whose time is <= tMs (with
 * {@link FRAME_TIME_EPSILON_MS} tolerance), or 0 when tMs precedes the first frame. A time past the last frame gives
 * the last frame.
 * @param frames ascending frame times in ms.
 */
export function frameIndexAt(frames: readonly number[], tMs: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid]! <= tMs + FRAME_TIME_EPSILON_MS) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

const decodeMemo = new Map<string, Promise<void>>();

/**
 * Exact decoded frames, as raw RGB24 (width*height*3 bytes, rows top to bottom), decoded by native ffmpeg with the
 * container's rotation applied (ffmpeg autorotates) and then scaled to width x height (swscale bicubic).
 * One ffmpeg run decodes the whole file (they are short) and keeps the asked frames; each frame is cached on disk.
 * @param indices frame indices into {@link ReferenceVideo.frames} (sorted by time).
 * @param filters ffmpeg filters applied before the scale, e.g. an HDR tone-mapping chain; cached apart.
 * @throws Error when an index is out of range or ffmpeg emits a different number of frames than ffprobe counted.
 */
export async function referenceFrames(
  file: string,
  indices: readonly number[],
  width: number,
  height: number,
  filters?: string,
): Promise<Map<number, Buffer>> {
  const info = await probeVideo(file);
  const chain = filters ? `-${createHash('sha1').update(filters).digest('hex').slice(0, 10)}` : '';
  const dir = path.join(cacheDir, fileKey(file), `${width}x${height}${chain}`);
  const frameFile = (i: number) => path.join(dir, `${String(i).padStart(5, '0')}.rgb`);
  const wanted = [...new Set(indices)];
  for (const i of wanted) {
    if (!Number.isInteger(i) || i < 0 || i >= info.frames.length) {
      throw new Error(`frame index ${i} out of range 0..${info.frames.length - 1} for ${file}`);
    }
  }
  const missing = wanted.filter((i) => !fs.existsSync(frameFile(i)));
  if (missing.length > 0) {
    const memoKey = `${dir}|${missing.join(',')}`;
    let run = decodeMemo.get(memoKey);
    if (!run) {
      run = decodeAll(info, missing, width, height, frameFile, filters);
      decodeMemo.set(memoKey, run);
    }
    await run;
  }
  const result = new Map<number, Buffer>();
  for (const i of wanted) result.set(i, fs.readFileSync(frameFile(i)));
  return result;
}

/** One frame; see {@link referenceFrames}. */
export async function referenceFrameRGB(file: string, index: number, width: number, height: number): Promise<Buffer> {
  const frames = await referenceFrames(file, [index], width, height);
  return frames.get(index)!;
}

function decodeAll(
  info: ReferenceVideo,
  sortedIndices: number[],
  width: number,
  height: number,
  frameFile: (i: number) => string,
  filters?: string,
): Promise<void> {
  // decoder output position -> sorted index
  const keep = new Map<number, number>();
  for (const i of sortedIndices) keep.set(info.decodeOrder[i]!, i);
  const frameSize = width * height * 3;
  const args = [
    '-v',
    'error',
    '-nostdin',
    '-i',
    info.file,
    '-map',
    '0:v:0',
    '-vf',
    `${filters ? `${filters},` : ''}scale=${width}:${height}`,
    '-fps_mode',
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-',
  ];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(FFMPEG, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let n = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20000) stderr += d.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= frameSize) {
        const all = Buffer.concat(pending);
        const frame = all.subarray(0, frameSize);
        const sorted = keep.get(n);
        if (sorted !== undefined) writeAtomic(frameFile(sorted), Buffer.from(frame));
        n++;
        const rest = all.subarray(frameSize);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${FFMPEG} ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`));
      } else if (n !== info.frames.length || pendingBytes !== 0) {
        reject(
          new Error(
            `native ffmpeg decoded ${n} frames (+${pendingBytes} stray bytes) from ${info.file} but ffprobe listed ` +
              `${info.frames.length}: frame indices would not line up`,
          ),
        );
      } else {
        resolve();
      }
    });
  });
}
