/**
 * Clips made at run time with the machine's ffmpeg (Debian's) for the fuzz suite: the containers and layouts the
 * test media lack. 3 s of testsrc2 at 320x180, 25 fps, a keyframe every second, with a sine tone where the container
 * takes AAC or Opus.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const INPUT = ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3'];
const H264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-g', '25', '-pix_fmt', 'yuv420p'];

/** Name -> ffmpeg output arguments. */
const CLIPS = {
  'faststart.mp4': [...H264, '-c:a', 'aac', '-movflags', '+faststart'],
  'bframes-late-moov.mp4': [...H264, '-bf', '3', '-c:a', 'aac'],
  'fragmented.mp4': [...H264, '-c:a', 'aac', '-movflags', 'frag_keyframe+empty_moov+default_base_moof'],
  'h264.mkv': [...H264, '-c:a', 'aac'],
  'vp8.webm': ['-c:v', 'libvpx', '-b:v', '300k', '-g', '25', '-c:a', 'libopus'],
  'h264.ts': [...H264, '-c:a', 'aac', '-f', 'mpegts'],
};

/**
 * Makes the clips in `dir` (kept when already there).
 * @returns their paths
 */
export function makeClips(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(CLIPS).map(([name, args]) => {
    const out = path.join(dir, name);
    if (fs.existsSync(out) && fs.statSync(out).size > 0) return out;
    // Made under another name and renamed, so that a run stopped mid-encode leaves no broken clip to reuse.
    const partial = path.join(dir, `partial-${name}`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...INPUT, ...args, '-shortest', partial]);
    fs.renameSync(partial, out);
    return out;
  });
}
