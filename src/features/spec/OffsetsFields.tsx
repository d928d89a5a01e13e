import { formatTime } from '../../core/timeline/time';
import { useStore } from '../../store';
import { pauseNativePreview } from '../source/NativePreview';
import { FieldProblemText } from './fields';

/** Mode `offsets`: the list of times, and "Add current time" from the preview. */
export function OffsetsFields() {
  const offsetsText = useStore((s) => s.specInput.offsetsText);
  const invalid = useStore((s) => s.specProblems.some((p) => p.field === 'offsetsText'));
  const ready = useStore((s) => s.source?.status === 'ready');
  const previewTimeMs = useStore((s) => s.previewTimeMs);
  const setSpecField = useStore((s) => s.setSpecField);
  const addOffset = useStore((s) => s.addOffset);
  return (
    <div className="fieldgroup">
      <div className="field">
        <label htmlFor="offsets-text">Time offsets</label>
        <textarea
          id="offsets-text"
          rows={3}
          value={offsetsText}
          placeholder="e.g. 1500, 2.5s, 0:04.2, 50%"
          aria-invalid={invalid || undefined}
          aria-describedby="offsets-help"
          onChange={(e) => setSpecField('offsetsText', e.target.value)}
        />
      </div>
      <p id="offsets-help" className="hint">
        Milliseconds (1500), seconds (1.5s), timecodes (0:01.5) or percentages (10%), separated by commas or spaces. Each snapshot is the
        frame on screen at that time.
      </p>
      <FieldProblemText field="offsetsText" />
      <button
        type="button"
        className="button"
        disabled={!ready}
        onClick={() => {
          pauseNativePreview();
          addOffset(useStore.getState().previewTimeMs);
        }}
      >
        Add current time
      </button>
      {ready && <span className="hint"> Preview at {formatTime(previewTimeMs)}</span>}
    </div>
  );
}
