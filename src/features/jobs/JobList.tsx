import { useStore } from '../../store';
import { NotifyButton } from '../notify/NotifyButton';
import { DownloadAll } from './DownloadAll';
import { JobCard } from './JobCard';
import './jobs.css';

/** Every job of this session, newest first, with "Download all" and the browser-notification opt-in. */
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
      <ul className="jobs__list" aria-label="Jobs">
        {jobs.map((job) => (
          <JobCard key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}
