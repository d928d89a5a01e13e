import { useState } from 'react';
import { useStore } from '../../store';
import type { BatchResult } from '../../store/jobsSlice';
import { readySources } from '../../store/selectors';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "Create snapshots for N videos" (shown when more than one video is ready): applies the form to every ready video.
 * Videos whose settings do not fit (e.g. a time past their end) are listed with the problem and skipped.
 */
export function BatchCreate() {
  const ready = useStore((s) => readySources(s.sources).length);
  const createJobsForAll = useStore((s) => s.createJobsForAll);
  const [result, setResult] = useState<BatchResult | null>(null);
  if (ready < 2 && !result) return null;

  return (
    <div className="batch">
      {ready >= 2 && (
        <button type="button" className="button batch__all" onClick={() => setResult(createJobsForAll())}>
          Create snapshots for {ready} videos
        </button>
      )}
      {result && result.queued.length > 0 && <p className="success">{plural(result.queued.length, 'job')} queued.</p>}
      {result && result.skipped.length > 0 && (
        <div role="alert" className="error batch__skipped">
          <p>
            {plural(result.skipped.length, 'video')} skipped: the settings do not fit {result.skipped.length === 1 ? 'it' : 'them'}.
          </p>
          <ul aria-label="Skipped videos">
            {result.skipped.map((skip) => (
              <li key={skip.sourceId}>
                <strong>{skip.name}</strong>: {skip.problems.map((p) => p.message).join(' ')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
