import { DEFAULT_ANIMATION_FPS, DEFAULT_ANIMATION_WIDTH } from '../../core/output/animationSpec';
import { useStore } from '../../store';
import { CheckboxField, FieldProblemText, TextField } from './fields';

/**
 * "Animated preview" of Interval and Sprite sheet jobs: one frame per planned time, as `preview.gif` and
 * `preview.webm`, at the frame rate and width the user sets (the height follows the images' aspect ratio).
 */
export function AnimationFields() {
  const on = useStore((s) => s.specInput.animation);
  return (
    <div className="fieldgroup">
      <div className="checks">
        <CheckboxField field="animation" label="Animated preview" hint="preview.gif and preview.webm, one frame per planned time" />
      </div>
      {on && (
        <div className="grid3">
          <TextField field="animationFps" label="Preview frame rate" placeholder={String(DEFAULT_ANIMATION_FPS)} inputMode="decimal" />
          <TextField field="animationWidth" label="Preview width" placeholder={String(DEFAULT_ANIMATION_WIDTH)} />
        </div>
      )}
      {on && <p className="hint">Frames per second (up to 60) and width in px (16–1920); the height keeps the images' aspect ratio.</p>}
      <FieldProblemText field="animationFps" />
      <FieldProblemText field="animationWidth" />
    </div>
  );
}
