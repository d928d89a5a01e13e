import { useState } from 'react';
import { useStore } from '../../store';
import type { Job, ResultFile } from '../../store/job';
import { isActive } from '../../store/selectors';
import { canZip, downloadJobZip } from '../jobs/jobZip';
import { useJobEnds } from '../notify/useJobEnds';
import { useObjectUrl } from '../../lib/useObjectUrl';
import { AnimationView } from './AnimationView';
import { ImageGrid } from './ImageGrid';
import { RESULTS_HEADING_ID, revealResults } from './reveal';
import { SheetView } from './SheetView';

function ofKind<K extends ResultFile['kind']>(outputs: ResultFile[], ...kinds: K[]) {
  return outputs.filter((o): o is Extract<ResultFile, { kind: K }> => (kinds as string[]).includes(o.kind));
}

/** A download button for one file (e.g. thumbnails.vtt); its object URL is revoked when it unmounts. */
function FileLink({ file }: { file: ResultFile }) {
  const url = useObjectUrl(file.blob);
  if (!url) return null;
  return (
    <a className="button" href={url} download={file.name}>
      {file.name}
    </a>
  );
}

/** The job whose results are shown: the one chosen (a card's "Show results"), else the newest that has any. */
function useShownJob(): Job | undefined {
  return useStore((s) => {
    const chosen = s.shownJobId === null ? undefined : s.jobs.find((j) => j.id === s.shownJobId);
    return chosen ?? s.jobs.find((j) => j.outputs.length > 0 || j.status === 'finished');
  });
}

/**
 * The results of one job, streaming in while it runs. When a job ends and no other is still running, its results
 * come into view and their heading takes focus (features/results/reveal.ts).
 */
export function ResultsPanel() {
  const job = useShownJob();
  const [zipping, setZipping] = useState(false);
  const [zipError, setZipError] = useState<string | null>(null);

  useJobEnds((ended) => {
    const { jobs, showJob } = useStore.getState();
    if (jobs.some(isActive) || ended.outputs.length === 0) return;
    showJob(ended.id);
    revealResults();
  });

  if (!job) return null;

  const onZip = async () => {
    setZipping(true);
    setZipError(null);
    try {
      await downloadJobZip(job);
    } catch (error) {
      setZipError(`The zip could not be made (${String(error)}). Download the files one by one, or try again.`);
    } finally {
      setZipping(false);
    }
  };

  // Several job workers make a job's files out of time order: they are shown in time (and sheet) order.
  const byTime = (a: { requestedMs: number }, b: { requestedMs: number }) => a.requestedMs - b.requestedMs;
  const snapshots = ofKind(job.outputs, 'snapshot').sort(byTime);
  const cells = ofKind(job.outputs, 'cell').sort(byTime);
  const sheets = ofKind(job.outputs, 'sheet').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Trickplay files beside the indexes; Jellyfin's tiles are copies of the sheets, in the zip only.
  const indexes = job.outputs.filter(
    (o) => o.kind === 'vtt' || o.kind === 'storyboard' || (o.kind === 'trickplay' && o.format !== 'jellyfin'),
  );
  const animations = ofKind(job.outputs, 'animation');
  return (
    <section className="panel results" aria-labelledby={RESULTS_HEADING_ID}>
      <div className="results__head">
        <h2 id={RESULTS_HEADING_ID} className="results__title" tabIndex={-1} title={job.source.name}>
          Results: {job.source.name}
        </h2>
        <div className="results__actions">
          {indexes.map((file) => (
            <FileLink key={file.name} file={file} />
          ))}
          <button type="button" className="button button--primary" disabled={!canZip(job) || zipping} onClick={() => void onZip()}>
            Download zip
          </button>
        </div>
      </div>
      {zipError && (
        <p role="alert" className="error">
          {zipError}
        </p>
      )}
      {animations.length > 0 && (
        <div className="animations" role="group" aria-label="Animated previews">
          {animations.map((file) => (
            <AnimationView key={file.name} file={file} />
          ))}
        </div>
      )}
      {sheets.map((sheet) => (
        <SheetView key={sheet.name} sheet={sheet} />
      ))}
      {snapshots.length > 0 && <ImageGrid images={snapshots} label="Snapshots" />}
      {cells.length > 0 && (
        <>
          <h3>Cells</h3>
          <ImageGrid images={cells} label="Cells" />
        </>
      )}
    </section>
  );
}
