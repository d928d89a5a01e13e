/**
 * Builds lists of requested times from native ffprobe's frame times, so that each one lands where it tests something:
 * exactly on a frame, between two frames, 1 ms before a frame (where `ffmpeg -ss` alone is one frame late), past the
 * last frame, at 0 and at the duration; written in every format docs/SPEC.md "Times" accepts.
 */
import type { OffsetCase } from './accuracy';
import { FRAME_TIME_EPSILON_MS, type ReferenceVideo } from './reference';

/** How a time is typed. */
export type TimeFormat = 'ms' | 's' | 'm:ss' | 'hh:mm:ss';

/** Writes integer ms in one of the accepted formats: `1500`, `1.5s`, `0:01.5`, `00:00:01.500`. */
export function formatOffset(ms: number, format: TimeFormat): string {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`formatOffset needs integer ms >= 0, got ${ms}`);
  const secs = ms / 1000;
  const m = Math.floor(ms / 60000);
  const s = (ms % 60000) / 1000;
  const sText = s.toFixed(3).replace(/\.?0+$/, '');
  switch (format) {
    case 'ms':
      return String(ms);
    case 's':
      return `${secs}s`;
    case 'm:ss':
      return `${m}:${s < 10 ? '0' : ''}${sText}`;
    case 'hh:mm:ss':
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${s < 10 ? '0' : ''}${s.toFixed(3)}`;
  }
}

const isWholeMs = (t: number) => Math.abs(t - Math.round(t)) < FRAME_TIME_EPSILON_MS;

/** Index of the frame nearest to `share` (0-1) of the frame list, kept away from both ends. */
function frameNear(v: ReferenceVideo, share: number): number {
  return Math.min(v.frames.length - 3, Math.max(2, Math.round(share * (v.frames.length - 1))));
}

/**
 * About ten times for one file: 0, the frame time itself (an integer ms when the file has one), half-way between
 * two frames, 1 ms before a frame, just after a frame, two percentages, a time past the last frame, and the duration
 * (floored to whole ms). Duplicates are dropped.
 * @param count 8-12; the first `count` kinds are used.
 */
export function offsetCasesFor(v: ReferenceVideo, count = 10): OffsetCase[] {
  const f = v.frames;
  const cases: OffsetCase[] = [];
  const add = (ms: number, format: TimeFormat, why: string) => {
    if (ms < 0 || ms > Math.floor(v.durationMs)) return;
    if (cases.some((c) => c.ms === ms)) return;
    cases.push({ text: formatOffset(ms, format), ms, why });
  };
  const addPercent = (percent: number, why: string) => {
    const want = (percent / 100) * v.durationMs;
    if (cases.some((c) => c.ms !== undefined && Math.abs(c.ms - want) <= 2)) percent += 1;
    cases.push({ text: `${percent}%`, percent, why });
  };

  add(0, 'ms', 'zero');
  // Exactly on a frame: prefer a frame whose time is a whole number of ms.
  const start = frameNear(v, 0.18);
  let on = -1;
  for (let k = start; k < f.length - 2 && on < 0; k++) if (isWholeMs(f[k]!)) on = k;
  if (on >= 0) add(Math.round(f[on]!), 'ms', `exactly on frame ${on}`);
  else add(Math.ceil(f[start]!), 'ms', `just after frame ${start} (no frame at a whole ms)`);
  const b1 = frameNear(v, 0.31);
  add(Math.round((f[b1]! + f[b1 + 1]!) / 2), 's', `between frames ${b1} and ${b1 + 1}`);
  const p1 = frameNear(v, 0.42);
  add(Math.ceil(f[p1]! - 1 - FRAME_TIME_EPSILON_MS), 'm:ss', `1 ms (or less) before frame ${p1}`);
  const b2 = frameNear(v, 0.56);
  add(Math.round((f[b2]! + f[b2 + 1]!) / 2), 'hh:mm:ss', `between frames ${b2} and ${b2 + 1}`);
  const a1 = frameNear(v, 0.68);
  add(Math.floor(f[a1]! + FRAME_TIME_EPSILON_MS) + 1, 's', `1 ms (or less) after frame ${a1}`);
  addPercent(10, '10% of the duration');
  addPercent(85, '85% of the duration');
  const last = f[f.length - 1]!;
  const duration = Math.floor(v.durationMs);
  if (duration - last >= 2) add(Math.round((last + duration) / 2), 'ms', 'after the last frame');
  else add(Math.ceil(last), 'ms', 'on the last frame');
  add(duration, 'ms', 'the duration');
  const p2 = frameNear(v, 0.8);
  add(Math.ceil(f[p2]! - 1 - FRAME_TIME_EPSILON_MS), 'ms', `1 ms (or less) before frame ${p2}`);
  const b3 = frameNear(v, 0.9);
  add(Math.round((f[b3]! + f[b3 + 1]!) / 2), 'm:ss', `between frames ${b3} and ${b3 + 1}`);
  return cases.slice(0, count);
}
