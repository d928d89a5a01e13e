import { useState } from 'react';
import { ALL_JOBS_ZIP_NAME } from '../../core/output/folders';
import { downloadBlob } from '../../lib/download';
import { buildZip } from '../../lib/zip';
import { useStore } from '../../store';
import { finishedJobsOldestFirst } from '../../store/selectors';
import { allJobsZipEntries } from './allJobsZip';

/** "Download all": every finished job's files in `snapframe_snapshots.zip`, a folder per video. */
export function DownloadAll() {
  const finished = useStore((s) => s.jobs.filter((j) => j.status === 'finished').length);
  const [packing, setPacking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onClick = async () => {
    setPacking(true);
    setError(null);
    try {
      const jobs = finishedJobsOldestFirst(useStore.getState().jobs);
      downloadBlob(await buildZip(allJobsZipEntries(jobs)), ALL_JOBS_ZIP_NAME);
    } catch (raw) {
      setError(`The zip could not be made (${String(raw)}). Download each job's zip from its results instead, or try again.`);
    } finally {
      setPacking(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={finished === 0 || packing}
        aria-describedby="download-all-hint"
        onClick={() => void onClick()}
      >
        Download all
      </button>
      <span id="download-all-hint" className="visually-hidden">
        {finished === 1 ? 'The finished job' : `All ${finished} finished jobs`} in one zip, a folder per video.
      </span>
      {error && (
        <p role="alert" className="error jobs__error">
          {error}
        </p>
      )}
    </>
  );
}
