import type { JobMode } from '../../core/job/types';

const MARKS: Record<JobMode, { swatch: string; text: string }> = {
  offsets: { swatch: 'timeline__legend-marker', text: 'a time in the list: drag to move, click to select' },
  sample: { swatch: 'timeline__legend-tick', text: 'a planned time' },
  sprite: { swatch: 'timeline__legend-tick', text: 'a planned cell time' },
  shots: { swatch: 'timeline__legend-cut', text: 'a cut found in the video' },
};

/** What the timeline's marks mean in this mode (and the red line: the frame shown), and the keyboard shortcuts (not shown on touch screens). */
export function TimelineLegend({ mode }: { mode: JobMode }) {
  const mark = MARKS[mode];
  return (
    <div className="timeline__legend">
      <p className="hint">
        <span className={`timeline__legend-swatch ${mark.swatch}`} aria-hidden="true" /> {mark.text}
        <span className="timeline__legend-gap">
          <span className="timeline__legend-swatch timeline__legend-playhead" aria-hidden="true" /> the frame shown
        </span>
      </p>
      <p className="hint timeline__keys">
        Keys: Space play/pause · ←/→ one frame · Shift+←/→ one second · Home/End
        {mode === 'offsets' ? ' · M add a marker · Delete remove the selected one' : ''} · Ctrl+wheel zoom
      </p>
    </div>
  );
}
