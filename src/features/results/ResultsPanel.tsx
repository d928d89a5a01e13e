import { useState } from 'react';
import { zipFileName } from '../../core/output/naming';
import { downloadBlob } from '../../lib/download';
import { useObjectUrl } from '../../lib/useObjectUrl';
import { buildZip, jobZipEntries } from '../../lib/zip';
import { useStore } from '../../store';
import type { Job, ResultFile } from '../../store/job';
import { AnimationView } from './AnimationView';
import { ImageGrid } from './ImageGrid';
import { SheetView } from './SheetView';

/** Packs a finished job's files and manifest.json into `<video>_snapshots.zip` and downloads it. */
async function downloadJobZip(job: Job): Promise<void> {
  if (!job.manifest) return;
  downloadBlob(await buildZip(jobZipEntries(job.outputs, job.manifest)), zipFileName(job.source.name));
}

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

/** The outputs of the newest job that has any, streaming in while it runs. */
export function ResultsPanel() {
  const job = useStore((s) => s.jobs.find((j) => j.outputs.length > 0 || j.status === 'finished'));
  const [zipping, setZipping] = useState(false);
  const [zipError, setZipError] = useState<string | null>(null);
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
  const indexes = job.outputs.filter((o) => o.kind === 'vtt' || o.kind === 'storyboard');
  const animations = ofKind(job.outputs, 'animation');
  return (
    <section className="panel results" aria-labelledby="results-heading">
      <div className="results__head">
        <h2 id="results-heading">Results: {job.source.name}</h2>
        {indexes.map((file) => (
          <FileLink key={file.name} file={file} />
        ))}
        <button
          type="button"
          className="button button--primary"
          disabled={job.status !== 'finished' || zipping}
          onClick={() => void onZip()}
        >
          Download zip
        </button>
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
