/**
 * `--spec FILE`: a job spec as JSON, either a presets file exported by the page ("Export presets", holding one
 * preset) or a vendor request (core/job/vendorRequest.ts: Alibaba, Tencent, ZEGO parameter names).
 */
import { InvalidParameterError, SnapframeError } from '../core/job/errors';
import { presetsFromFile } from '../core/job/presets';
import type { SpecInput } from '../core/job/spec';
import { looksLikeVendorRequest, vendorRequestToSpec } from '../core/job/vendorRequest';

/**
 * The form fields a spec file sets.
 * @param text the file's text.
 * @param fileName for the sentences.
 * @returns a preset's fields, or a vendor request's (with its UserData as `userDataText`).
 * @throws InvalidParameterError('spec') naming the file: not JSON, neither a presets file nor a vendor request, a
 *   presets file with other than one preset, or the converter's own sentence (the fields at fault).
 */
export function specFromFile(text: string, fileName: string): Partial<SpecInput> {
  const refuse = (message: string): never => {
    throw new InvalidParameterError('spec', `${fileName}: ${message}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    refuse(`this is not valid JSON (${error instanceof Error ? error.message.replace(/\.$/, '') : String(error)}).`);
  }
  try {
    if (looksLikeVendorRequest(data) && !(typeof data === 'object' && data !== null && 'snapframePresets' in data))
      return vendorRequestToSpec(data).input;
    const presets = presetsFromFile(text, () => 'spec');
    if (presets.length !== 1) {
      refuse(`this presets file holds ${presets.length} presets; --spec takes one. Export a file with just the preset you want.`);
    }
    return presets[0]!.input;
  } catch (error) {
    if (error instanceof SnapframeError && error.field !== 'spec') refuse(error.message);
    throw error;
  }
}
