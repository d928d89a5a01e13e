import type { FormEvent } from 'react';
import { useStore } from '../../store';
import { PresetsPanel } from '../presets/PresetsPanel';
import { AnimationFields } from './AnimationFields';
import { ModeSwitch } from './ModeSwitch';
import { OffsetsFields } from './OffsetsFields';
import { OutputFields } from './OutputFields';
import { PlannedTimes } from './PlannedTimes';
import { SamplingFields } from './SamplingFields';
import { SpriteFields } from './SpriteFields';
import { QualityField } from './QualityField';
import { ShotsFields } from './ShotsFields';

/** The job form (docs/SPEC.md): preset, mode, times, sprite layout, output; then "Create snapshots". */
export function SpecForm() {
  const ready = useStore((s) => s.source?.status === 'ready');
  const mode = useStore((s) => s.specInput.mode);
  const shotSheet = useStore((s) => s.specInput.shotSheet);
  const createJob = useStore((s) => s.createJob);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    createJob();
  };

  return (
    <form className="panel spec" aria-labelledby="spec-heading" onSubmit={onSubmit} noValidate>
      <h2 id="spec-heading">Snapshots</h2>
      <PresetsPanel />
      <ModeSwitch />
      {mode === 'offsets' ? <OffsetsFields /> : mode === 'shots' ? <ShotsFields /> : <SamplingFields />}
      {(mode === 'sprite' || (mode === 'shots' && shotSheet)) && <SpriteFields />}
      <OutputFields />
      <QualityField />
      {mode !== 'offsets' && mode !== 'shots' && <AnimationFields />}
      <PlannedTimes />
      <button type="submit" className="button button--primary" disabled={!ready}>
        Create snapshots
      </button>
    </form>
  );
}
