/**
 * HLS VOD streams made with Debian's ffmpeg for the tests of videos at URLs (docs/URLS.md "HLS"), once, in
 * e2e/.cache/hls-v1/ (served by e2e/support/videoServer.ts as a folder):
 * - `hi.mp4`, `lo.mp4`: 8 s of testsrc2 at 640x360 and 320x180, 25 fps, a keyframe every 2 s (the frames' oracle);
 * - `ts/master.m3u8`: both as variants (BANDWIDTH 1.2 and 0.4 Mbit/s, written lowest first), `ts/hi.m3u8`,
 *   `ts/lo.m3u8` with 2 s MPEG-TS segments `hi_000.ts`…`hi_003.ts` (`-f hls -c copy`: the MP4s' frames);
 * - `fmp4/hi.m3u8`: the high variant in fragmented-MP4 segments (`hi_init.mp4`, `hi_000.m4s`…);
 * - `ts/live.m3u8`: the low one without #EXT-X-ENDLIST (a live playlist);
 * - `enc/lo.m3u8`: the low one encrypted (AES-128) with a key at `missing.key`, which is not served.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './media';

export const HLS_DIR = path.join(repoRoot, 'e2e', '.cache', 'hls-v1');
const VARIANTS = [
  { name: 'hi', size: '640x360', bandwidth: 1_200_000 },
  { name: 'lo', size: '320x180', bandwidth: 400_000 },
] as const;

const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
/** `-f hls` of an MP4, copied (so its frames are the MP4's), 2 s segments, a finished (VOD) playlist. */
const hls = (input: string, playlist: string, extra: string[] = []) =>
  ffmpeg('-i', input, '-c', 'copy', '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', ...extra, playlist);

/** Makes the streams once (e2e/.cache; a temp folder renamed whole, so a reader never sees half of it). */
export function makeHlsStreams(): void {
  if (fs.existsSync(HLS_DIR)) return;
  const tmp = `${HLS_DIR}.${process.pid}.part`;
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const sub of ['ts', 'fmp4', 'enc']) fs.mkdirSync(path.join(tmp, sub), { recursive: true });
  for (const v of VARIANTS) {
    const mp4 = path.join(tmp, `${v.name}.mp4`);
    ffmpeg(
      ...['-f', 'lavfi', '-i', `testsrc2=size=${v.size}:rate=25`, '-t', '8'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-keyint_min', '50', '-sc_threshold', '0'],
      ...['-pix_fmt', 'yuv420p', '-movflags', '+faststart', mp4],
    );
    hls(mp4, path.join(tmp, 'ts', `${v.name}.m3u8`), ['-hls_segment_filename', path.join(tmp, 'ts', `${v.name}_%03d.ts`)]);
  }
  const master = VARIANTS.map((v) => `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},RESOLUTION=${v.size}\n${v.name}.m3u8\n`);
  // Lowest first, as many packagers write it: the page must still pick the highest bandwidth.
  fs.writeFileSync(path.join(tmp, 'ts', 'master.m3u8'), `#EXTM3U\n#EXT-X-VERSION:3\n${[...master].reverse().join('')}`);
  hls(path.join(tmp, 'hi.mp4'), path.join(tmp, 'fmp4', 'hi.m3u8'), [
    ...['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'hi_init.mp4'],
    ...['-hls_segment_filename', path.join(tmp, 'fmp4', 'hi_%03d.m4s')],
  ]);
  const vod = fs.readFileSync(path.join(tmp, 'ts', 'lo.m3u8'), 'utf8');
  fs.writeFileSync(path.join(tmp, 'ts', 'live.m3u8'), vod.replace(/^#EXT-X-(ENDLIST|PLAYLIST-TYPE:VOD)\r?\n/gm, ''));
  // AES-128 with its key named "missing.key" in the playlist; the key is written elsewhere, so that address is a 404.
  const key = path.join(tmp, 'aes.key');
  fs.writeFileSync(key, Buffer.alloc(16, 7));
  fs.writeFileSync(path.join(tmp, 'keyinfo'), `missing.key\n${key}\n`);
  hls(path.join(tmp, 'lo.mp4'), path.join(tmp, 'enc', 'lo.m3u8'), [
    ...['-hls_key_info_file', path.join(tmp, 'keyinfo'), '-hls_segment_filename', path.join(tmp, 'enc', 'lo_%03d.ts')],
  ]);
  fs.renameSync(tmp, HLS_DIR);
}

/** The MP4 a variant's segments were copied from (`hi` or `lo`). */
export const hlsSource = (variant: 'hi' | 'lo'): string => path.join(HLS_DIR, `${variant}.mp4`);
