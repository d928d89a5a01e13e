/**
 * "Download all": every finished job's outputs in one zip, a folder per job named after its video
 * (core/output/folders.ts: `flower`, `flower (2)`…), each holding that job's files and its manifest.json.
 */
import { uniqueFolderNames } from '../../core/output/folders';
import { manifestJson, type Manifest } from '../../core/output/manifest';
import type { ZipEntry } from '../../lib/zip';

/** What packing needs of a job. */
export interface PackableJob {
  source: { name: string };
  outputs: readonly { name: string; blob: Blob }[];
  manifest: Manifest | null;
}

/**
 * The zip entries for finished jobs, in the given order (oldest first reads best): `<folder>/<output name>` for
 * every output, then `<folder>/manifest.json`. Jobs without a manifest (not finished) are left out.
 */
export function allJobsZipEntries(jobs: readonly PackableJob[]): ZipEntry[] {
  const packable = jobs.filter((j): j is PackableJob & { manifest: Manifest } => j.manifest !== null);
  const folders = uniqueFolderNames(packable.map((j) => j.source.name));
  return packable.flatMap((job, i) => [
    ...job.outputs.map((output) => ({ name: `${folders[i]}/${output.name}`, data: output.blob })),
    { name: `${folders[i]}/manifest.json`, data: manifestJson(job.manifest) },
  ]);
}
