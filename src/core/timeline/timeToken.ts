/**
 * Reading one time token (docs/SPEC.md "Times") without throwing, so that callers can collect every bad entry.
 * Arithmetic is exact: decimals are read as BigInt digits, so `1.0005s` rounds half up to 1001 ms.
 */

/** Why a token is not a valid time. `pastEnd` is only reported by range checks (see `parseOffsets`). */
export type TimeProblem = 'malformed' | 'fieldRange' | 'negative' | 'tooLarge' | 'noDuration';

/** Result of {@link readTime}: the time in integer ms, or the problem. */
export type TimeReading = { ok: true; ms: number } | { ok: false; problem: TimeProblem };

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const MILLIS = new RegExp(`^${NUMBER}(?:ms)?$`);
const SECONDS = new RegExp(`^${NUMBER}s$`);
const PERCENT = new RegExp(`^${NUMBER}%$`);
/** `h:mm:ss[.fff]` or `m:ss[.fff]`; lower fields have one or two digits. */
const TIMECODE = /^(\d+):(\d{1,2})(?::(\d{1,2}))?(?:\.(\d+))?$/;

/**
 * Rounds `value · 10^shift` half up to an integer, exactly, for any number of digits.
 *
 * @param text an unsigned decimal literal matching `\d+(\.\d+)?` or `\.\d+`, e.g. `"1.0005"`.
 * @param shift a non-negative power of ten, e.g. 3 to turn seconds into ms.
 * @returns the rounded value as a non-negative BigInt, e.g. `scaleDecimal("1.0005", 3) === 1001n`.
 */
export function scaleDecimal(text: string, shift: number): bigint {
  const [intPart = '', fracPart = ''] = text.split('.');
  const numerator = BigInt((intPart || '0') + fracPart) * 10n ** BigInt(shift);
  const denominator = 10n ** BigInt(fracPart.length);
  return (2n * numerator + denominator) / (2n * denominator);
}

function toReading(ms: bigint): TimeReading {
  return ms > BigInt(Number.MAX_SAFE_INTEGER) ? { ok: false, problem: 'tooLarge' } : { ok: true, ms: Number(ms) };
}

function readPercent(text: string, durationMs: number): TimeReading {
  if (!Number.isFinite(durationMs) || durationMs < 0) return { ok: false, problem: 'noDuration' };
  if (Number.isSafeInteger(durationMs)) {
    const [intPart = '', fracPart = ''] = text.split('.');
    const numerator = BigInt((intPart || '0') + fracPart) * BigInt(durationMs);
    const denominator = 10n ** BigInt(fracPart.length + 2);
    return toReading((2n * numerator + denominator) / (2n * denominator));
  }
  const ms = Math.floor((Number(text) * durationMs) / 100 + 0.5);
  return Number.isSafeInteger(ms) ? { ok: true, ms } : { ok: false, problem: 'tooLarge' };
}

function readTimecode(match: RegExpExecArray): TimeReading {
  const [, first = '0', second = '0', third, fraction] = match;
  const [hours, minutes, seconds] = third === undefined ? ['0', first, second] : [first, second, third];
  const hasHours = third !== undefined;
  if ((hasHours && Number(minutes) >= 60) || Number(seconds) >= 60) return { ok: false, problem: 'fieldRange' };
  const wholeMinutes = BigInt(hours) * 60n + BigInt(minutes);
  const secondsText = fraction === undefined ? seconds : `${seconds}.${fraction}`;
  return toReading(wholeMinutes * 60_000n + scaleDecimal(secondsText, 3));
}

function readUnsigned(token: string, durationMs: number): TimeReading {
  let match = MILLIS.exec(token);
  if (match?.[1] !== undefined) return toReading(scaleDecimal(match[1], 0));
  match = SECONDS.exec(token);
  if (match?.[1] !== undefined) return toReading(scaleDecimal(match[1], 3));
  match = PERCENT.exec(token);
  if (match?.[1] !== undefined) return readPercent(match[1], durationMs);
  match = TIMECODE.exec(token);
  if (match) return readTimecode(match);
  return { ok: false, problem: 'malformed' };
}

/**
 * Reads one time token into integer ms, rounding half up to the nearest ms.
 *
 * @param token milliseconds `1500` / `1500ms`, seconds `1.5s`, timecode `00:01:02.500`, `1:02.5`, `01:02:03`
 *   (h:mm:ss or m:ss; minutes and seconds below 60 when a higher field is present), or a percentage `12.5%` of
 *   `durationMs`. Surrounding whitespace is ignored; suffixes are case-insensitive.
 * @param durationMs the video's duration, ms; only used by percentages (NaN or Infinity: percentages are refused).
 * @returns `{ ok: true, ms }`, or `{ ok: false, problem }`. Never throws. The upper bound (the duration) is not
 *   checked here.
 * Source: docs/SPEC.md "Times"; Tencent `ExtTimeOffsetSet` for percentages.
 */
export function readTime(token: string, durationMs: number): TimeReading {
  const text = token.trim().toLowerCase();
  if (text.startsWith('-')) {
    const magnitude = readUnsigned(text.slice(1), durationMs);
    if (!magnitude.ok && (magnitude.problem === 'malformed' || magnitude.problem === 'fieldRange')) return magnitude;
    return magnitude.ok && magnitude.ms === 0 ? magnitude : { ok: false, problem: 'negative' };
  }
  return readUnsigned(text, durationMs);
}
