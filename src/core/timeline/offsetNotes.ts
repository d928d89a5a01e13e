/**
 * What the page says about the "Time offsets" text while the user types, before any click: each entry that will be
 * refused (with the reason), a comma used as a decimal point, bare numbers that look like seconds but are read as
 * milliseconds, and entries that fall on the same time and so make one snapshot. The refusal itself stays with
 * core/spec.ts (`checkJobSpec`, via core/time.ts `parseOffsets`); these notes only explain the text early.
 */
import { formatTime } from './time';
import { readTime } from './timeToken';

/** One note about the offsets text: `problem` entries block the job, `hint` entries only explain how it is read. */
export interface OffsetNote {
  kind: 'problem' | 'hint';
  text: string;
}

/** The default plan of mode `offsets`: three times spread over any video, so that a first click gives a result. */
export const DEFAULT_OFFSETS_PLAN = '10%, 50%, 90%';

const TOKEN = /[^\s,;]+/g;
/** A decimal written with a comma (`1,5s`, `0,25`): split into two entries by the list separator. */
const COMMA_DECIMAL = /(?:^|[\s;])(\d+,\d+(?:s|ms|%)?)(?=$|[\s;]|,\s)/gi;
/** A bare number (no unit): milliseconds (shared/SPEC.md "Times"). */
const BARE = /^\d+(?:\.\d+)?$/;
/** Bare numbers below this look like seconds to people, so they get a hint. */
const LOOKS_LIKE_SECONDS_BELOW = 100;

/**
 * The notes about an offsets text, in text order, at most one per entry plus one per repeated time.
 *
 * @param text the field's text as typed (entries separated by commas, semicolons or whitespace).
 * @param durationMs the video's duration, ms (NaN when unknown: percentages cannot be read then).
 * @returns problems (not a time, negative, past the end, comma decimals) and hints (bare numbers read as ms, entries
 *   that fall on the same ms). Empty for a blank text (core/spec.ts says that one on Create).
 * Source: shared/SPEC.md "Times" (bare numbers are milliseconds; times from 0 to the duration).
 */
export function offsetNotes(text: string, durationMs: number): OffsetNote[] {
  const notes: OffsetNote[] = [];
  const commaDecimals = new Set<string>();
  for (const match of text.matchAll(COMMA_DECIMAL)) {
    const written = match[1] ?? '';
    commaDecimals.add(written);
    notes.push({
      kind: 'problem',
      text: `"${written}": use a dot for decimals (${written.replace(',', '.')}); a comma separates two times.`,
    });
  }
  const inCommaDecimal = (token: string) => [...commaDecimals].some((d) => d.split(',').includes(token));
  const limitMs = Math.round(durationMs);
  const seen = new Map<number, string[]>();
  for (const [token] of text.matchAll(TOKEN)) {
    if (inCommaDecimal(token)) continue;
    const reading = readTime(token, durationMs);
    if (!reading.ok) {
      const why = reading.problem === 'negative' ? 'is negative: times run from 0:00.000' : 'is not a time';
      notes.push({ kind: 'problem', text: `"${token}" ${why}.` });
      continue;
    }
    if (Number.isFinite(durationMs) && reading.ms > limitMs) {
      notes.push({ kind: 'problem', text: `${token} is past the end (${formatTime(durationMs)}).` });
      continue;
    }
    if (BARE.test(token) && (token.includes('.') || Number(token) < LOOKS_LIKE_SECONDS_BELOW)) {
      notes.push({
        kind: 'hint',
        text: `${token} is read as ${token} millisecond${token === '1' ? '' : 's'} (${formatTime(reading.ms)}); bare numbers are milliseconds. For seconds write ${token}s.`,
      });
    }
    seen.set(reading.ms, [...(seen.get(reading.ms) ?? []), token]);
  }
  for (const [ms, tokens] of seen) {
    if (tokens.length > 1) {
      notes.push({ kind: 'hint', text: `${tokens.join(', ')} all fall on ${formatTime(ms)}: they make one snapshot.` });
    }
  }
  return notes;
}
