import { FieldProblemText, TextField } from './fields';

/** Modes `sample` and `sprite`: start, interval (seconds, or a percentage), count (SPEC "Times"). */
export function SamplingFields() {
  return (
    <div className="fieldgroup">
      <div className="grid3">
        <TextField field="start" label="Start" placeholder="0" inputMode="text" />
        <TextField field="interval" label="Interval (s)" placeholder="1" inputMode="decimal" />
        <TextField field="count" label="Count" placeholder="all" />
      </div>
      <p className="hint">
        Start: a time (0, 1.5s, 0:05, 10%). Interval in seconds; 0 spreads Count times evenly; 10% takes a time every 10 % of the video.
        Count: at most this many images; with both set, the job stops at whichever comes first.
      </p>
      <FieldProblemText field="start" />
      <FieldProblemText field="interval" />
      <FieldProblemText field="count" />
    </div>
  );
}
