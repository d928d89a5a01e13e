import { useStore } from '../../store';
import { downloadJobZip } from '../jobs/jobZip';
import { revealResults } from '../results/reveal';

/** A job toast's "Show" (its results, brought into view) and "Download" (its zip). */
export function JobToastActions({ jobId, name }: { jobId: string; name: string }) {
  const show = () => {
    useStore.getState().showJob(jobId);
    revealResults();
  };
  const download = () => {
    const job = useStore.getState().jobs.find((j) => j.id === jobId);
    // A failure here is said by the card's own "Download zip", which the user can try next.
    if (job) downloadJobZip(job).catch(() => show());
  };
  return (
    <>
      <button type="button" className="button button--small" aria-label={`Show results of ${name}`} onClick={show}>
        Show
      </button>
      <button type="button" className="button button--small" aria-label={`Download zip of ${name}`} onClick={download}>
        Download
      </button>
    </>
  );
}
