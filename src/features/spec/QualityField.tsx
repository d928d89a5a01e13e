import { AVOID_WINDOW_MS } from '../../core/analysis/frameQuality';
import { CheckboxField } from './fields';

/** "Avoid dark or blurry frames" (every mode, off by default). */
export function QualityField() {
  return (
    <CheckboxField
      field="avoidBadFrames"
      label="Avoid dark or blurry frames"
      hint={`a dark, blank or blurry frame is replaced by the first good one within ${AVOID_WINDOW_MS / 1000} s after it`}
    />
  );
}
