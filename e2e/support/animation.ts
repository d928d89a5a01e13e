/**
 * Reading an animated preview back with native ffmpeg: the stream's codec and size, every frame's
 * presentation time and duration (ffprobe), and the frames themselves as RGB24 (ffmpeg, one output frame per coded
 * frame: `-fps_mode passthrough`).
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { rgbImage, type RgbImage } from './images';

const run = promisify(execFile);

export interface AnimationInfo {
  codec: string;
  width: number;
  height: number;
  /** Per frame: presentation time and duration, ms. */
  frames: { ptsMs: number; durationMs: number }[];
}

/** ffprobe of the first video stream and all its frames. */
export async function probeAnimation(file: string): Promise<AnimationInfo> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-show_frames', '-of', 'json', file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const json = JSON.parse(stdout) as {
    streams: { codec_name: string; width: number; height: number }[];
    frames: { best_effort_timestamp_time?: string; pts_time?: string; pkt_duration_time?: string; duration_time?: string }[];
  };
  const stream = json.streams[0]!;
  return {
    codec: stream.codec_name,
    width: stream.width,
    height: stream.height,
    frames: json.frames.map((f) => ({
      ptsMs: Number(f.best_effort_timestamp_time ?? f.pts_time) * 1000,
      durationMs: Number(f.duration_time ?? f.pkt_duration_time) * 1000,
    })),
  };
}

/** Every frame as RGB24 at its own size. @throws Error when ffmpeg fails or the bytes are not whole frames. */
export function decodeAnimation(file: string, width: number, height: number): Promise<RgbImage[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', [
      '-v',
      'error',
      '-nostdin',
      '-i',
      file,
      '-fps_mode',
      'passthrough',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ]);
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg failed on ${file}: ${err}`));
      const all = Buffer.concat(chunks);
      const size = width * height * 3;
      if (all.length % size !== 0) return reject(new Error(`${all.length} bytes are not whole ${width}x${height} frames`));
      resolve(Array.from({ length: all.length / size }, (_, k) => rgbImage(width, height, all.subarray(k * size, (k + 1) * size))));
    });
  });
}
