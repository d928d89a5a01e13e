/**
 * Times as the user writes them and as the UI and WebVTT show them (docs/SPEC.md "Times").
 * Internally every time is an integer number of milliseconds from the start of the presentation.
 */
import { InvalidParameterError } from '../job/errors';
import { readTime, type TimeProblem } from './timeToken';

/** How to write a time; appended to every message about a malformed time. */
export const TIME_FORMAT_HINT = 'Write times as 1500 (ms), 1.5s, 0:01.5 or 10%.';

/** At most this many bad entries are quoted in one message; the rest are counted. */
const MAX_LISTED = 10;
/** Longer entries are cut in messages. */
const MAX_QUOTED_CHARS = 24;

const REASONS: Record<TimeProblem, string> = {
  malformed: 'is not a time',
  fieldRange: 'is not a time (minutes and seconds must be below 60)',
  negative: 'is negative',
  tooLarge: 'is too large',
  noDuration: "is a percentage, but the video's duration is unknown",
};

function quote(token: string): string {
  const chars = Array.from(token);
  return `"${chars.length > MAX_QUOTED_CHARS ? `${chars.slice(0, MAX_QUOTED_CHARS).join('')}…` : token}"`;
}

/**
 * Parses one time token into integer ms (rounded half up to the nearest ms).
 *
 * @param token `1500` or `1500ms` (ms), `1.5s` (seconds), `00:01:02.500` / `1:02.5` / `0:01.5` / `01:02:03`
 *   (timecode h:mm:ss or m:ss, fraction optional), or `10%` / `12.5%` of `durationMs`. Surrounding whitespace is
 *   trimmed; suffixes are case-insensitive.
 * @param durationMs the video's duration, ms; used by percentages only (the upper bound is checked by
 *   {@link parseOffsets}, not here).
 * @returns the time, integer ms, ≥ 0.
 * @throws InvalidParameterError('offsets') when the token is malformed (`abc`, `1.2.3`, `1:75`, `%`, `s`, empty),
 *   negative (`-5`, `-1s`), beyond Number.MAX_SAFE_INTEGER ms, or a percentage of an unknown duration.
 * Source: docs/SPEC.md "Times"; Tencent `ExtTimeOffsetSet` for percentages.
 */
export function parseTime(token: string, durationMs: number): number {
  return parseFieldTime('offsets', 'Time offset', token, durationMs);
}

/**
 * Like {@link parseTime}, for a time in another form field (e.g. the sampling start).
 *
 * @param field the field named by the error, e.g. `start`.
 * @param label how the message names the value, e.g. `Start` gives `Start "abc" is not a time. …`.
 * @param token the time as typed, in a format accepted by {@link parseTime}.
 * @param durationMs the video's duration, ms; used by percentages only.
 * @returns the time, integer ms, ≥ 0 (the upper bound is the caller's to check).
 * @throws InvalidParameterError(field) for the same problems as {@link parseTime}, with the same reasons and hints.
 * Source: docs/SPEC.md "Times".
 */
export function parseFieldTime(field: string, label: string, token: string, durationMs: number): number {
  const reading = readTime(token, durationMs);
  if (reading.ok) return reading.ms;
  const hint = reading.problem === 'negative' ? 'Times run from 0 (the first frame) to the end of the video.' : TIME_FORMAT_HINT;
  throw new InvalidParameterError(field, `${label} ${quote(token.trim())} ${REASONS[reading.problem]}. ${hint}`);
}

/**
 * Splits a list of times and parses every entry.
 *
 * @param text times separated by commas, semicolons or any whitespace (empty pieces ignored), each in a format
 *   accepted by {@link parseTime}.
 * @param durationMs the video's duration, ms: every time must lie in [0, durationMs] (the bound is rounded to the
 *   nearest ms, so `100%` is always valid). When it is NaN or Infinity
 *   (unknown), there is no upper bound and percentages are refused.
 * @returns the times, integer ms, in input order, duplicates kept.
 * @throws InvalidParameterError('offsets') when there is no entry, or once for all bad entries together: the message
 *   quotes each with its reason (not a time, negative, past the end of the video) and how to write times.
 * Source: docs/SPEC.md "Times" (negative or past the duration is InvalidParameter naming the offending entries;
 *   nothing is silently dropped); Alibaba `SpecifiedOffsetTimes`, Tencent `ExtTimeOffsetSet`.
 */
export function parseOffsets(text: string, durationMs: number): number[] {
  const tokens = text.split(/[\s,;]+/).filter((token) => token !== '');
  if (tokens.length === 0) {
    throw new InvalidParameterError('offsets', `Add at least one time offset, e.g. 1.5s, 0:10 or 50%. ${TIME_FORMAT_HINT}`);
  }
  const limitMs = Math.round(durationMs);
  const times: number[] = [];
  const problems: string[] = [];
  let malformed = false;
  for (const token of tokens) {
    const reading = readTime(token, durationMs);
    if (!reading.ok) {
      problems.push(`${quote(token)} ${REASONS[reading.problem]}`);
      malformed ||= reading.problem !== 'negative';
    } else if (reading.ms > limitMs) {
      problems.push(`${quote(token)} is past the end of the video (${formatTime(durationMs)})`);
    } else {
      times.push(reading.ms);
    }
  }
  if (problems.length === 0) return times;
  const listed = problems.slice(0, MAX_LISTED);
  if (problems.length > MAX_LISTED) listed.push(`and ${problems.length - MAX_LISTED} more`);
  const range = Number.isFinite(durationMs) ? ` Use times from 0:00.000 to ${formatTime(durationMs)}.` : '';
  const hint = malformed ? ` ${TIME_FORMAT_HINT}` : '';
  throw new InvalidParameterError('offsets', `Time offsets: ${listed.join(', ')}.${range}${hint}`);
}

function clockParts(ms: number): { hours: number; minutes: number; seconds: number; millis: number } {
  if (!Number.isFinite(ms)) throw new RangeError(`Cannot format a time of ${ms} ms.`);
  const total = Math.round(ms);
  return {
    hours: Math.floor(total / 3_600_000),
    minutes: Math.floor(total / 60_000) % 60,
    seconds: Math.floor(total / 1000) % 60,
    millis: total % 1000,
  };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Formats a time for the UI: `m:ss.mmm` under an hour (`0:00.000`, `0:01.500`, `1:02.500`), `h:mm:ss.mmm` from an
 * hour (`1:00:00.000`). Round-trips through {@link parseTime}.
 *
 * @param ms time, ms; non-integers are rounded to the nearest ms. A negative time gets a leading `-`.
 * @throws RangeError when `ms` is NaN or infinite.
 */
export function formatTime(ms: number): string {
  const rounded = Math.round(ms);
  if (rounded < 0) return `-${formatTime(-rounded)}`;
  const { hours, minutes, seconds, millis } = clockParts(rounded);
  const tail = `${pad(seconds, 2)}.${pad(millis, 3)}`;
  return hours > 0 ? `${hours}:${pad(minutes, 2)}:${tail}` : `${minutes}:${tail}`;
}

/**
 * Formats a WebVTT cue timestamp `HH:MM:SS.mmm` (always with hours, at least two digits each), e.g. 62500 →
 * `00:01:02.500`.
 *
 * @param ms time, ms, ≥ 0; non-integers are rounded to the nearest ms.
 * @throws RangeError when `ms` is negative, NaN or infinite (WebVTT has no negative timestamps).
 * Source: W3C WebVTT, "WebVTT timestamp"; Tencent CreateImageSprite `WebVttUrl`.
 */
export function formatVttTime(ms: number): string {
  if (ms < 0) throw new RangeError(`A WebVTT timestamp cannot be negative (${ms} ms).`);
  const { hours, minutes, seconds, millis } = clockParts(ms);
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
}
