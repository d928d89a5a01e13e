import { useState } from 'react';
import { manifestJson } from '../../core/manifest';
import { zipFileName } from '../../core/naming';
import { formatTime } from '../../core/time';
import { downloadBlob } from '../../lib/download';
import { buildZip } from '../../lib/zip';
import { useStore } from '../../store';
import type { Job } from '../../store/jobsSlice';

/** Packs a finished job's images and manifest.json into `<video>_snapshots.zip` and downloads it. */
async function downloadJobZip(job: Job): Promise<void> {
  if (!job.manifest) return;
  const entries = [
    ...job.images.map((image) => ({ name: image.name, data: image.blob })),
    { name: 'manifest.json', data: manifestJson(job.manifest) },
  ];
  downloadBlob(await buildZip(entries), zipFileName(job.source.name));
}

/** The images of the newest job that has any, streaming in while it runs. */
export function ResultsPanel() {
  const job = useStore((s) => s.jobs.find((j) => j.images.length > 0 || j.status === 'finished'));
  const [zipping, setZipping] = useState(false);
  const [zipError, setZipError] = useState<string | null>(null);
  if (!job) return null;

  const onZip = async () => {
    setZipping(true);
    setZipError(null);
    try {
      await downloadJobZip(job);
    } catch (error) {
      setZipError(`The zip could not be made (${String(error)}). Download the images one by one, or try again.`);
    } finally {
      setZipping(false);
    }
  };

  return (
    <section className="panel results" aria-labelledby="results-heading">
      <div className="results__head">
        <h2 id="results-heading">Results: {job.source.name}</h2>
        <button
          type="button"
          className="button button--primary"
          disabled={job.status !== 'finished' || zipping}
          onClick={() => void onZip()}
        >
          Download zip
        </button>
      </div>
      {zipError && <p role="alert" className="error">{zipError}</p>}
      <ul className="grid" aria-label="Snapshots">
        {job.images.map((image) => {
          const caption = `${formatTime(image.requestedMs)} · frame at ${formatTime(image.actualMs)}`;
          return (
            <li key={image.name} className="grid__item">
              <img src={image.url} alt={`Snapshot at ${formatTime(image.requestedMs)}`} loading="lazy" />
              <div className="grid__caption">
                <span title="Requested time · actual frame time">{caption}</span>
                <a href={image.url} download={image.name} aria-label={`Download ${image.name}`}>
                  Download
                </a>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
