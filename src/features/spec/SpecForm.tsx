import type { FormEvent } from 'react';
import { JobWorkersSetting } from '../engine/JobWorkersSetting';
import { BatchCreate } from '../files/BatchCreate';
import { useStore } from '../../store';
import { PresetsPanel } from '../presets/PresetsPanel';
import { AnimationFields } from './AnimationFields';
import { CreateButton } from './CreateButton';
import { ModeSwitch } from './ModeSwitch';
import { MoreOptions } from './MoreOptions';
import { OffsetsFields } from './OffsetsFields';
import { OutputFields, SizeFields } from './OutputFields';
import { PlannedTimes } from './PlannedTimes';
import { SamplingFields } from './SamplingFields';
import { SpriteFields, SpriteGridFields } from './SpriteFields';
import { QualityField } from './QualityField';
import { TrickplayFields } from './TrickplayFields';
import { ShotsFields } from './ShotsFields';
import { useMoreOptionsSummary } from './useMoreOptionsSummary';

/**
 * The job form (docs/SPEC.md), in the order of the job: what to make (mode), when (times), how (size, format), then the
 * one button named for what it makes. Everything else waits under "More options", the presets row first.
 */
export function SpecForm() {
  const mode = useStore((s) => s.specInput.mode);
  const shotSheet = useStore((s) => s.specInput.shotSheet);
  const createJob = useStore((s) => s.createJob);
  const summary = useMoreOptionsSummary();
  const sprite = mode === 'sprite' || (mode === 'shots' && shotSheet);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    createJob();
  };

  return (
    <form className="panel spec" aria-labelledby="spec-heading" onSubmit={onSubmit} noValidate>
      <h2 id="spec-heading">Snapshots</h2>
      <ModeSwitch />
      {mode === 'offsets' ? <OffsetsFields /> : mode === 'shots' ? <ShotsFields /> : <SamplingFields />}
      {sprite && <SpriteGridFields />}
      <SizeFields />
      <PlannedTimes />
      <CreateButton />
      <BatchCreate />
      <MoreOptions summary={summary}>
        <PresetsPanel />
        {sprite && <SpriteFields />}
        <OutputFields />
        <QualityField />
        {mode !== 'offsets' && mode !== 'shots' && <AnimationFields />}
        {mode !== 'offsets' && mode !== 'shots' && <TrickplayFields />}
        <JobWorkersSetting />
      </MoreOptions>
    </form>
  );
}
