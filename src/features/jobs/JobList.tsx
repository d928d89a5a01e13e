import { useStore } from '../../store';
import { NotifyButton } from '../notify/NotifyButton';
import { ClearResults } from './ClearResults';
import { DownloadAll } from './DownloadAll';
import { JobCard } from './JobCard';
import { RunSummary } from './RunSummary';
import './jobs.css';

/**
 * Every job, newest first (those saved in the browser come back after a reload), with "Download all", the
 * browser-notification opt-in, the storage used and "Clear results".
 */
export function JobList() {
  const jobs = useStore((s) => s.jobs);
  if (jobs.length === 0) return null;
  return (
    <section className="panel jobs" aria-labelledby="jobs-heading">
      <div className="jobs__head">
        <h2 id="jobs-heading">Jobs</h2>
        <div className="jobs__actions">
          <NotifyButton />
          <DownloadAll />
        </div>
      </div>
      <ClearResults />
      <RunSummary />
      <ul className="jobs__list" aria-label="Jobs">
        {jobs.map((job) => (
          <JobCard key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}
