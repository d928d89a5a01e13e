import { useStore } from '../../store';
import { JobCard } from './JobCard';

/** Every job of this session, newest first. */
export function JobList() {
  const jobs = useStore((s) => s.jobs);
  if (jobs.length === 0) return null;
  return (
    <section className="panel jobs" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs</h2>
      <ul className="jobs__list" aria-label="Jobs">
        {jobs.map((job) => (
          <JobCard key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}
