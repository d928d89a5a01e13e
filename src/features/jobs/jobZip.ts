import { zipFileName } from '../../core/output/naming';
import { downloadBlob } from '../../lib/download';
import { buildZip, jobZipEntries, type ZipEntry } from '../../lib/zip';
import type { Job } from '../../store/job';

/** True when a job has files to zip: it has ended (finished, failed, cancelled, interrupted) with at least one output. */
export function canZip(job: Pick<Job, 'status' | 'outputs'>): boolean {
  return job.status !== 'queued' && job.status !== 'processing' && job.outputs.length > 0;
}

/**
 * Packs one job's files into `<video>_snapshots.zip` (core/naming.ts `zipFileName`) and downloads it: with
 * manifest.json for a finished job (lib/zip.ts `jobZipEntries`); for a job that failed or was cancelled, the images it
 * did make, as they are (there is no manifest of an unfinished job).
 * @throws the zip library's error (the caller says it).
 */
export async function downloadJobZip(job: Job): Promise<void> {
  const entries: ZipEntry[] = job.manifest
    ? jobZipEntries(job.outputs, job.manifest)
    : job.outputs.map((output) => ({ name: output.name, data: output.blob }));
  downloadBlob(await buildZip(entries), zipFileName(job.source.name));
}
