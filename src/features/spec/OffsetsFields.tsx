import { DEFAULT_OFFSETS_PLAN } from '../../core/timeline/offsetNotes';
import { formatTime } from '../../core/timeline/time';
import { useStore } from '../../store';
import { pauseNativePreview } from '../source/NativePreview';
import { FieldProblemText } from './fields';
import { OffsetNotes } from './OffsetNotes';

/** Mode `offsets`: the list of times (the default plan until the user adds their own), and "Add current time". */
export function OffsetsFields() {
  const offsetsText = useStore((s) => s.specInput.offsetsText);
  const planned = useStore((s) => s.offsetsPlanned);
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
          rows={2}
          value={offsetsText}
          placeholder="e.g. 1.5s, 0:04.200, 50%"
          aria-invalid={invalid || undefined}
          aria-describedby="offsets-help offsets-notes"
          onChange={(e) => setSpecField('offsetsText', e.target.value)}
        />
      </div>
      <p id="offsets-help" className="hint">
        {planned && offsetsText === DEFAULT_OFFSETS_PLAN ? 'A first plan: 10 %, 50 % and 90 % of the video. ' : ''}
        Write 1.5s, 0:01.500 or 10%, separated by commas; a bare number is milliseconds. Each image is the frame on screen at that time.
      </p>
      <OffsetNotes id="offsets-notes" />
      <FieldProblemText field="offsetsText" />
      <div className="offsets__add">
        <button
          type="button"
          className="button button--small"
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
    </div>
  );
}
