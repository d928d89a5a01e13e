import { formatTime } from '../../core/timeline/time';
import { useStore } from '../../store';
import { CheckboxField, FieldProblemText, SelectField, TextField } from './fields';
import { useShotPlan } from './useShotPlan';

const SHOWN = 8;

/**
 * Mode `shots`: the cut threshold, which frame of each shot, a contact sheet or not; "Find cuts" shows the
 * cuts (listed here and ticked on the timeline) and "Use as time offsets" turns the shots into time offsets.
 */
export function ShotsFields() {
  const pick = useStore((s) => s.specInput.shotPick);
  const pass = useStore((s) => s.cutPass);
  const sourceId = useStore((s) => s.source?.id ?? null);
  const ready = useStore((s) => s.source?.status === 'ready');
  const findCuts = useStore((s) => s.findCuts);
  const replaceSpecInput = useStore((s) => s.replaceSpecInput);
  const plan = useShotPlan();
  const mine = pass && pass.sourceId === sourceId ? pass : null;

  const useAsOffsets = () => {
    if (!plan) return;
    const specInput = useStore.getState().specInput;
    replaceSpecInput({ ...specInput, mode: 'offsets', offsetsText: plan.shots.map((s) => formatTime(s.timeMs)).join(', ') });
  };

  return (
    <div className="fieldgroup">
      <div className="grid3">
        <TextField field="cutThreshold" label="Cut threshold" placeholder="10" inputMode="decimal" />
        <SelectField
          field="shotPick"
          label="Shot frame"
          options={[
            { value: 'start', label: 'First frame + offset' },
            { value: 'middle', label: 'Middle' },
            { value: 'sharpest', label: 'Sharpest' },
          ]}
        />
        {pick === 'start' && <TextField field="shotOffset" label="Offset" placeholder="0.5s" inputMode="text" />}
      </div>
      <CheckboxField field="shotSheet" label="Contact sheet" hint="the shots tiled into sprite sheets" />
      <p className="hint">
        A cut is a frame that differs from the one before by at least the threshold, 0–100: lower finds more cuts (the score of
        ffmpeg&apos;s scdet filter). Finding them reads every frame at 160 px.
      </p>
      <FieldProblemText field="cutThreshold" />
      <FieldProblemText field="shotOffset" />
      <div className="shots__actions">
        <button type="button" className="button" disabled={!ready || mine?.status === 'finding'} onClick={() => void findCuts()}>
          Find cuts
        </button>
        <button type="button" className="button" disabled={!plan} onClick={useAsOffsets}>
          Use as time offsets
        </button>
      </div>
      {mine?.status === 'finding' && (
        <p className="hint" role="status">
          Finding cuts… {mine.done} of {mine.total} parts
        </p>
      )}
      {mine?.status === 'error' && (
        <p className="error" role="alert">
          {mine.message}
        </p>
      )}
      {plan && (
        <p className="planned" aria-live="polite" aria-label="Cuts">
          <strong>
            {plan.cutsMs.length} cut{plan.cutsMs.length === 1 ? '' : 's'}, {plan.shots.length} shot{plan.shots.length === 1 ? '' : 's'}:
          </strong>{' '}
          {plan.cutsMs.slice(0, SHOWN).map(formatTime).join(', ') + (plan.cutsMs.length > SHOWN ? ', …' : '')}
        </p>
      )}
    </div>
  );
}
