/**
 * Keyframe times from native ffprobe (`-show_frames`: key_frame / pict_type), for `Frame type` keyframe
 * (SPEC "Times": the nearest keyframe at or before t). Times are ms relative to the container's start_time, like
 * reference.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const FFPROBE = process.env.SNAPFRAME_FFPROBE ?? 'ffprobe';

interface Frame {
  key_frame?: number;
  pict_type?: string;
  pts_time?: string;
  best_effort_timestamp_time?: string;
}

/**
 * Presentation times (ms, ascending) of the video frames ffprobe marks key_frame=1 (I frames that start a decode).
 * @throws Error when ffprobe fails or finds none.
 */
export async function probeKeyframes(file: string): Promise<number[]> {
  const { stdout } = await execFileAsync(
    FFPROBE,
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'frame=key_frame,pict_type,pts_time,best_effort_timestamp_time',
      '-show_entries',
      'format=start_time',
      '-of',
      'json',
      file,
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const out = JSON.parse(stdout) as { frames?: Frame[]; format?: { start_time?: string } };
  const start = out.format?.start_time ? Number(out.format.start_time) * 1000 : 0;
  const keys = (out.frames ?? [])
    .filter((f) => f.key_frame === 1)
    .map((f) => Number(f.pts_time ?? f.best_effort_timestamp_time) * 1000 - start)
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  if (keys.length === 0) throw new Error(`ffprobe found no keyframe in ${file}`);
  return keys;
}

/** The last keyframe time at or before `tMs` (the first keyframe when none is). */
export function keyframeAtOrBefore(keys: readonly number[], tMs: number): number {
  let found = keys[0]!;
  for (const k of keys) if (k <= tMs + 0.0005) found = k;
  return found;
}
