/**
 * Native ffmpeg doing the benchmark's jobs, for comparison: one process per snapshot (`-ss T` before `-i`, so ffmpeg
 * seeks by the index and decodes from the keyframe before T), `-threads 1`, run one after another. Wall time
 * includes every process start, as a script calling ffmpeg would see it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { FFMPEG } from './inputs.mjs';

const sec = (ms) => (ms / 1000).toFixed(3);

function ffmpeg(args) {
  const res = spawnSync(FFMPEG, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { encoding: 'utf8' });
  return { ok: res.status === 0, stderr: res.stderr ?? '' };
}

function freshDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

/** True when `file` exists and is not empty (ffmpeg can exit 0 without writing anything). */
const wrote = (file) => existsSync(file) && statSync(file).size > 0;

/**
 * One `ffmpeg -threads 1 -ss T -i IN -frames:v 1 -vf scale=…` per time.
 * @param opts.keyframe the keyframe at or before T: `-discard nokey -skip_frame nokey -noaccurate_seek` before `-i`,
 *   `-fps_mode passthrough` after (docs/ENGINE.md "Measured facts"'s recipe)
 * @param opts.scale the scale filter's arguments, e.g. `320:-2`
 * @returns wall time (ms) and the times that produced no image
 */
export function nativeSnapshots(input, timesMs, { outDir, keyframe = false, scale = '320:-2' }) {
  freshDir(outDir);
  const failed = [];
  const t0 = performance.now();
  timesMs.forEach((t, i) => {
    const out = path.join(outDir, `snap-${String(i).padStart(3, '0')}.jpg`);
    const seek = keyframe ? ['-discard', 'nokey', '-skip_frame', 'nokey', '-noaccurate_seek'] : [];
    // Without passthrough, ffmpeg 5.1 drops the keyframe when T lies past it in the file's last GOP (no image, exit 0).
    const passthrough = keyframe ? ['-fps_mode', 'passthrough'] : [];
    const res = ffmpeg([
      '-threads',
      '1',
      ...seek,
      '-ss',
      sec(t),
      '-i',
      input,
      '-frames:v',
      '1',
      ...passthrough,
      '-vf',
      `scale=${scale}`,
      out,
    ]);
    if (!res.ok || !wrote(out)) failed.push(t);
  });
  return { ms: performance.now() - t0, failed };
}

/**
 * The usual recipe: one pass over the whole file, `fps=N/duration,scale=160:90,tile=10x10` (decodes every frame).
 */
export function nativeSpriteFps(input, durationMs, { outDir, cells = 100, cell = '160:90', grid = '10x10' }) {
  freshDir(outDir);
  const out = path.join(outDir, 'sheet.jpg');
  const t0 = performance.now();
  const res = ffmpeg([
    '-threads',
    '1',
    '-i',
    input,
    '-an',
    '-vf',
    `fps=${cells * 1000}/${Math.round(durationMs)},scale=${cell},tile=${grid}`,
    '-frames:v',
    '1',
    out,
  ]);
  return { ms: performance.now() - t0, ok: res.ok && wrote(out), stderr: res.stderr.slice(-500) };
}

/** The per-snapshot recipe: one `-ss` process per cell, then one ffmpeg that tiles the cells into the sheet. */
export function nativeSpritePerSnapshot(input, timesMs, { outDir, cell = '160:90', grid = '10x10' }) {
  const cellsDir = path.join(outDir, 'cells');
  freshDir(outDir);
  const t0 = performance.now();
  const snaps = nativeSnapshots(input, timesMs, { outDir: cellsDir, scale: cell });
  const t1 = performance.now();
  const out = path.join(outDir, 'sheet.jpg');
  const res = ffmpeg(['-threads', '1', '-i', path.join(cellsDir, 'snap-%03d.jpg'), '-vf', `tile=${grid}`, '-frames:v', '1', out]);
  const t2 = performance.now();
  return { ms: t2 - t0, snapshotsMs: t1 - t0, tileMs: t2 - t1, failed: snaps.failed, ok: res.ok && wrote(out) };
}
