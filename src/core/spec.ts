/**
 * Validating the offsets form (shared/SPEC.md mode `offsets`): raw strings in, an {@link OffsetsSpec} or the list of
 * problems out, one per field, so that the form can show them all at once.
 */
import { InvalidParameterError } from './errors';
import { MAX_SIDE_PX, MIN_SIDE_PX, resolveOutputSize } from './geometry';
import { parseOffsets } from './time';
import type { ImageFormat, OffsetsSpec, SourceInfo } from './types';
import { utf8ByteLength } from './utf8';

/** Image quality when the field is left empty (SPEC "Output geometry and format"). */
export const DEFAULT_QUALITY = 85;
/** Largest `userData`, bytes of UTF-8 (SPEC "Jobs": any JSON up to 64 KB; Alibaba `UserData`). */
export const MAX_USER_DATA_BYTES = 65536;

/** What the user typed in the offsets form. Empty width/height: not given; empty quality: 85. */
export interface OffsetsSpecInput {
  offsetsText: string;
  width: string;
  height: string;
  quality: string;
  format?: 'jpg' | 'png' | 'webp';
  frameType?: 'accurate' | 'keyframe';
  userDataText?: string;
}

/** One field's problem, as a sentence a user can act on. */
export interface FieldProblem {
  field: 'offsets' | 'width' | 'height' | 'quality' | 'userData';
  message: string;
}

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads an optional whole number in [min, max]; `px` is accepted after pixel sizes. */
function checkWholeNumber(text: string, rule: string, min: number, max: number, px: boolean): Check<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const match = (px ? /^([+-]?\d+)\s*(?:px)?$/i : /^([+-]?\d+)$/).exec(trimmed);
  const quoted = JSON.stringify(trimmed);
  if (!match?.[1]) return { ok: false, message: `${rule}; ${quoted} is not.` };
  const value = Number(match[1]);
  if (value < min) return { ok: false, message: `${rule}; ${quoted} is too small.` };
  if (value > max) return { ok: false, message: `${rule}; ${quoted} is too large.` };
  return { ok: true, value };
}

function checkOffsets(text: string, durationMs: number): Check<number[]> {
  try {
    const times = parseOffsets(text, durationMs);
    return { ok: true, value: [...new Set(times)].sort((a, b) => a - b) };
  } catch (error) {
    if (error instanceof InvalidParameterError) return { ok: false, message: error.message };
    throw error;
  }
}

function checkUserData(text: string | undefined): Check<{ present: boolean; value: unknown }> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { ok: true, value: { present: false, value: undefined } };
  const bytes = utf8ByteLength(trimmed);
  if (bytes > MAX_USER_DATA_BYTES) {
    return {
      ok: false,
      message: `User data must be at most 64 KB (${MAX_USER_DATA_BYTES} bytes as UTF-8); this is ${bytes} bytes. Shorten it.`,
    };
  }
  try {
    return { ok: true, value: { present: true, value: JSON.parse(trimmed) as unknown } };
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message.replace(/\.$/, '')})` : '';
    return { ok: false, message: `User data must be valid JSON, such as {"localId": "abc"}${reason}.` };
  }
}

/** A side that follows the aspect ratio must stay within MAX_SIDE_PX; the problem goes to the side that was given. */
function derivedSideProblem(source: SourceInfo, width: number | null, height: number | null): FieldProblem | null {
  if ((width === null) === (height === null)) return null;
  const size = resolveOutputSize(source, width, height);
  const [given, derived, value, other] =
    width !== null ? (['width', 'height', width, size.height] as const) : (['height', 'width', height, size.width] as const);
  if (other <= MAX_SIDE_PX) return null;
  return {
    field: given,
    message:
      `With a ${given} of ${value} px, the ${derived} follows the video's aspect ratio (${source.width}×${source.height}) ` +
      `and would be ${other} px, above ${MAX_SIDE_PX}. Use a smaller ${given}, or also set the ${derived}.`,
  };
}

/**
 * Checks every field of the offsets form and builds the spec the engine runs.
 *
 * @param input the raw form strings (see {@link OffsetsSpecInput}).
 * @param source the probed video: `durationMs` bounds the offsets, `width`/`height` (display px) give the aspect.
 * @returns `spec` (null when there is any problem) and `problems`, at most one per field, in form order. The spec has
 *   offsets in ms sorted ascending without duplicates, width/height in px resolved by `resolveOutputSize`, quality
 *   1–100 (default 85), format default `jpg`, frameType default `accurate`, and `userData` only when given.
 *   Never throws for bad input.
 * Rules: offsets as `parseOffsets` (SPEC "Times"); width/height whole px in [8, 4096], and a side that follows the
 *   aspect ratio at most 4096 (SPEC "Output geometry and format", Alibaba `Width`/`Height`); quality whole in
 *   [1, 100]; userData valid JSON of at most 64 KB as UTF-8 (SPEC "Jobs", Alibaba `UserData`).
 */
export function checkOffsetsSpec(
  input: OffsetsSpecInput,
  source: SourceInfo,
): { spec: OffsetsSpec | null; problems: FieldProblem[] } {
  const sideRule = (name: string): string => `${name} must be a whole number of pixels from ${MIN_SIDE_PX} to ${MAX_SIDE_PX}`;
  const offsets = checkOffsets(input.offsetsText, source.durationMs);
  const width = checkWholeNumber(input.width, sideRule('Width'), MIN_SIDE_PX, MAX_SIDE_PX, true);
  const height = checkWholeNumber(input.height, sideRule('Height'), MIN_SIDE_PX, MAX_SIDE_PX, true);
  const qualityRule = `Quality must be a whole number from 1 to 100 (empty means ${DEFAULT_QUALITY})`;
  const quality = checkWholeNumber(input.quality, qualityRule, 1, 100, false);
  const userData = checkUserData(input.userDataText);

  const problems: FieldProblem[] = [];
  if (!offsets.ok) problems.push({ field: 'offsets', message: offsets.message });
  if (!width.ok) problems.push({ field: 'width', message: width.message });
  if (!height.ok) problems.push({ field: 'height', message: height.message });
  if (width.ok && height.ok) {
    const problem = derivedSideProblem(source, width.value, height.value);
    if (problem) problems.push(problem);
  }
  if (!quality.ok) problems.push({ field: 'quality', message: quality.message });
  if (!userData.ok) problems.push({ field: 'userData', message: userData.message });
  if (!offsets.ok || !width.ok || !height.ok || !quality.ok || !userData.ok || problems.length > 0) {
    return { spec: null, problems };
  }

  const size = resolveOutputSize(source, width.value, height.value);
  const format: ImageFormat = input.format ?? 'jpg';
  const spec: OffsetsSpec = {
    mode: 'offsets',
    offsetsMs: offsets.value,
    width: size.width,
    height: size.height,
    format,
    quality: quality.value ?? DEFAULT_QUALITY,
    frameType: input.frameType ?? 'accurate',
  };
  if (userData.value.present) spec.userData = userData.value.value;
  return { spec, problems };
}

/**
 * Like {@link checkOffsetsSpec}, for callers that want an exception (e.g. the engine API).
 *
 * @returns the validated spec.
 * @throws InvalidParameterError for the first problem (field and message as in {@link FieldProblem}).
 */
export function validateOffsetsSpec(input: OffsetsSpecInput, source: SourceInfo): OffsetsSpec {
  const { spec, problems } = checkOffsetsSpec(input, source);
  const first = problems[0];
  if (first) throw new InvalidParameterError(first.field, first.message);
  if (!spec) throw new InvalidParameterError('offsets', 'The snapshot settings are not valid.');
  return spec;
}
