import { useId } from 'react';
import { MAX_JOB_WORKERS } from '../../core/decode/workerCount';
import { defaultJobWorkerCount, jobWorkersFromUrl } from '../../engine/api';
import { useStore } from '../../store';

const COUNTS = Array.from({ length: MAX_JOB_WORKERS }, (_, i) => i + 1);

/**
 * "Job workers": how many engine workers decode one job in parallel (README "Job workers"). Automatic follows the
 * machine's cores; `?workers=N` in the URL overrides it (the select then shows N and is disabled). Big frames (4K,
 * 8K) may get fewer workers than chosen (the memory cap).
 */
export function JobWorkersSetting() {
  const jobWorkers = useStore((s) => s.jobWorkers);
  const setJobWorkers = useStore((s) => s.setJobWorkers);
  const id = useId();
  const hint = `${id}-hint`;
  const auto = defaultJobWorkerCount();
  const value = jobWorkersFromUrl ? String(auto) : jobWorkers === null ? 'auto' : String(jobWorkers);
  return (
    <div className="job-workers">
      <div className="field">
        <label htmlFor={id}>Job workers</label>
        <select
          id={id}
          value={value}
          disabled={jobWorkersFromUrl}
          aria-describedby={hint}
          onChange={(e) => setJobWorkers(e.target.value === 'auto' ? null : Number(e.target.value))}
        >
          {!jobWorkersFromUrl && <option value="auto">Automatic ({auto})</option>}
          {COUNTS.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
        <p id={hint} className="hint">
          {jobWorkersFromUrl
            ? `Set to ${auto} by ?workers= in the address.`
            : 'Workers that decode one job in parallel; 4K and 8K videos may use fewer (memory).'}
        </p>
      </div>
    </div>
  );
}
