import type { JobMode } from '../../core/job/types';
import { useStore } from '../../store';

const MODES: { mode: JobMode; label: string; hint: string }[] = [
  { mode: 'offsets', label: 'Time offsets', hint: 'one image per time you list' },
  { mode: 'sample', label: 'Interval', hint: 'images at regular times' },
  { mode: 'sprite', label: 'Sprite sheet', hint: 'regular times tiled into sheets, with a WebVTT index' },
  { mode: 'shots', label: 'Shots', hint: 'one image per shot: the cuts are found in the video' },
];

/** The mode switch (SPEC "Modes"): offsets, sample, sprite. */
export function ModeSwitch() {
  const mode = useStore((s) => s.specInput.mode);
  const setSpecField = useStore((s) => s.setSpecField);
  return (
    <fieldset className="modes">
      <legend>Mode</legend>
      {MODES.map((m) => (
        <label key={m.mode} className={`modes__option${mode === m.mode ? ' modes__option--on' : ''}`} title={m.hint}>
          <input type="radio" name="mode" value={m.mode} checked={mode === m.mode} onChange={() => setSpecField('mode', m.mode)} />
          {m.label}
        </label>
      ))}
    </fieldset>
  );
}
