/**
 * Clips made at test time from the test media with Debian's ffmpeg, into a temp folder, and native
 * ffmpeg oracles on them: gray frames (luma) and `scdet`'s cut list.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MEDIA, mediaPath } from './media';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-i14-'));
const X264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-an'];

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);
}

/**
 * Five shared clips cut to 45, 30, 45, 30 and 30 frames, scaled to 320x180 at 30 fps and concatenated (re-encoded,
 * H.264): the new shots start at frames 45, 75, 120 and 150 (1.5, 2.5, 4 and 5 s).
 */
export function concatenatedClip(): { file: string; cutFrames: number[] } {
  const file = path.join(dir, 'five-shots.mp4');
  if (!fs.existsSync(file)) {
    const parts: Array<[string, number, number]> = [
      [MEDIA.flower, 1, 45],
      [MEDIA.friday, 1, 30],
      [MEDIA.bunnyWebm, 3, 45],
      [MEDIA.indeoAvi, 2, 30],
      [MEDIA.mpeg2Ts, 0.3, 30],
    ];
    const inputs = parts.flatMap(([name, start]) => ['-ss', String(start), '-t', '2', '-i', mediaPath(name)]);
    const chains = parts.map(
      ([, , frames], i) => `[${i}:v]fps=30,scale=320:180,setsar=1,format=yuv420p,trim=end_frame=${frames},setpts=PTS-STARTPTS[s${i}]`,
    );
    const graph = `${chains.join(';')};${parts.map((_, i) => `[s${i}]`).join('')}concat=n=${parts.length}:v=1:a=0[v]`;
    ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', '-r', '30', ...X264, file]);
  }
  return { file, cutFrames: [45, 75, 120, 150] };
}

/** flower.mp4 at 320x180 fading out to black over 3 s from 1 s: a slow change, no cut. */
export function slowFadeClip(): string {
  const file = path.join(dir, 'slow-fade.mp4');
  if (!fs.existsSync(file)) ffmpeg(['-i', mediaPath(MEDIA.flower), '-vf', 'scale=320:180,fade=t=out:st=1:d=3', ...X264, file]);
  return file;
}

/** flower.mp4 at 320x180, black for its first 1.5 s, then a 1 s fade-in (ffmpeg `fade`). */
export function darkStartClip(): string {
  const file = path.join(dir, 'dark-start.mp4');
  if (!fs.existsSync(file)) ffmpeg(['-i', mediaPath(MEDIA.flower), '-vf', 'scale=320:180,fade=t=in:st=1.5:d=1', ...X264, file]);
  return file;
}

/** friday.mp4 at 320x180 with a burst of blur (ffmpeg `gblur` sigma 6) from 2 s to 3 s. */
export function blurBurstClip(): string {
  const file = path.join(dir, 'blur-burst.mp4');
  if (!fs.existsSync(file)) {
    ffmpeg(['-i', mediaPath(MEDIA.friday), '-vf', "scale=320:180,setsar=1,gblur=sigma=6:enable='between(t,2,3)'", ...X264, file]);
  }
  return file;
}

/** Every frame's luma as native ffmpeg decodes it (swscale gray: full range), width x height px. */
export function nativeLuma(file: string, width: number, height: number): Uint8Array[] {
  const raw = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-nostdin',
      '-i',
      file,
      '-vf',
      `scale=${width}:${height}:flags=area,format=gray`,
      '-fps_mode',
      'passthrough',
      '-f',
      'rawvideo',
      '-',
    ],
    {
      maxBuffer: 1 << 30,
    },
  );
  const size = width * height;
  const frames: Uint8Array[] = [];
  for (let i = 0; i + size <= raw.length; i += size) frames.push(new Uint8Array(raw.subarray(i, i + size)));
  return frames;
}

/** Native ffmpeg's `scdet` cuts (lavfi.scd.time, s) at a threshold. */
export function nativeScdet(file: string, threshold = 10): number[] {
  const run = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-nostdin', '-i', file, '-vf', `scdet=threshold=${threshold}`, '-an', '-f', 'null', '-'],
    {
      encoding: 'utf8',
    },
  );
  return [...run.stderr.matchAll(/lavfi\.scd\.time: ([0-9.]+)/g)].map((m) => Number(m[1]));
}
