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
 * one button named for what it makes (with the batch button, in a bar kept at the bottom of a phone's screen once a
 * video is ready, so that Create is always one tap away). Everything else waits under "More options", the presets row first.
 */
export function SpecForm() {
  const mode = useStore((s) => s.specInput.mode);
  const shotSheet = useStore((s) => s.specInput.shotSheet);
  const createJob = useStore((s) => s.createJob);
  const summary = useMoreOptionsSummary();
  const sprite = mode === 'sprite' || (mode === 'shots' && shotSheet);

  const ready = useStore((s) => s.source?.status === 'ready');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (createJob() !== null) return;
    // Refused: bring the first problem into view (on a phone Create sits in the bar at the bottom, far from it).
    requestAnimationFrame(() => {
      const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      document.querySelector('.spec [role="alert"]')?.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    });
  };

  return (
    <form className="panel spec" aria-labelledby="spec-heading" onSubmit={onSubmit} noValidate>
      <h2 id="spec-heading">Snapshots</h2>
      <ModeSwitch />
      {mode === 'offsets' ? <OffsetsFields /> : mode === 'shots' ? <ShotsFields /> : <SamplingFields />}
      {sprite && <SpriteGridFields />}
      <SizeFields />
      <PlannedTimes />
      <div className={`create-bar${ready ? ' create-bar--ready' : ''}`}>
        <CreateButton />
        <BatchCreate />
      </div>
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
