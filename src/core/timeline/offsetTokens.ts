/**
 * The "Time offsets" field seen as a list of tokens, so that the timeline's markers and the field are two views of
 * one list. The field's text is the source of truth: a marker is a parsed token; moving a
 * marker rewrites that token's characters only, deleting one removes the token and one separator next to it, and
 * every other character of the text is kept as the user typed it.
 *
 * Tokens are split exactly as core/timeline/time.ts `parseOffsets` splits them: on runs of commas, semicolons and whitespace.
 */
import { formatTime } from './time';
import { readTime } from './timeToken';

/** One entry of the offsets text. */
export interface OffsetToken {
  /** The token as typed, e.g. `1.5s`, `0:04.2`, `50%`. */
  text: string;
  /** Index of its first character in the text (UTF-16 code units). */
  start: number;
  /** Index just past its last character. */
  end: number;
  /** Its time, integer ms (core/timeline/timeToken.ts `readTime`); null when it is not a valid time. Not range-checked. */
  ms: number | null;
}

const TOKEN = /[^\s,;]+/g;
/** What separates tokens (core/timeline/time.ts `parseOffsets`). */
const SEPARATOR = /^[\s,;]+$/;

/**
 * Splits the offsets text into tokens with their character ranges and times.
 * @param text the field's text, as typed.
 * @param durationMs the video's duration, ms, for percentages (NaN: percentages get `ms: null`).
 * @returns the tokens in text order (empty for a blank text).
 */
export function offsetTokens(text: string, durationMs: number): OffsetToken[] {
  const tokens: OffsetToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const reading = readTime(match[0], durationMs);
    tokens.push({ text: match[0], start, end: start + match[0].length, ms: reading.ok ? reading.ms : null });
  }
  return tokens;
}

/**
 * Rewrites one token as `m:ss.mmm` (core/timeline/time.ts `formatTime`), leaving every other character untouched.
 * @param index the token's position in {@link offsetTokens}' list.
 * @param ms the new time, ms (rounded to the nearest ms).
 * @returns the new text; the text unchanged when there is no such token.
 */
export function moveToken(text: string, index: number, ms: number): string {
  const token = offsetTokens(text, Number.NaN)[index];
  if (!token) return text;
  return text.slice(0, token.start) + formatTime(Math.max(0, ms)) + text.slice(token.end);
}

/**
 * Removes one token with the separator after it (or, for the last token, the separator before it), so that
 * `1s, 2s, 3s` gives `2s, 3s`, `1s, 3s` or `1s, 2s`. Other tokens and separators are kept as typed.
 * @param index the token's position in {@link offsetTokens}' list.
 * @returns the new text; the text unchanged when there is no such token. Removing the only token leaves the
 *   characters around it (usually whitespace) trimmed away: `''`.
 */
export function removeToken(text: string, index: number): string {
  const tokens = offsetTokens(text, Number.NaN);
  const token = tokens[index];
  if (!token) return text;
  const next = tokens[index + 1];
  const previous = tokens[index - 1];
  if (next) return text.slice(0, token.start) + text.slice(next.start);
  if (previous) return text.slice(0, previous.end) + text.slice(token.end);
  const rest = text.slice(0, token.start) + text.slice(token.end);
  return SEPARATOR.test(rest) ? '' : rest;
}

/**
 * Appends a time as `m:ss.mmm` after the last token, separated by `, ` (trailing separators of the text are
 * replaced), as store/specSlice.ts `addOffset` does.
 * @param ms the time, ms (rounded to the nearest ms).
 * @returns the new text; its last token is the new one.
 */
export function appendToken(text: string, ms: number): string {
  const head = text.replace(/[\s,;]+$/, '');
  const token = formatTime(Math.max(0, ms));
  return head === '' ? token : `${head}, ${token}`;
}
