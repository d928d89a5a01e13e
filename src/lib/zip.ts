import JSZip from 'jszip';
import { manifestJson, type Manifest } from '../core/output/manifest';

/** One file to put in a zip. */
export interface ZipEntry {
  name: string;
  data: Blob | string;
}

/**
 * Packs files into a zip with jszip. Images are stored as they are (JPG/PNG/WebP are already compressed);
 * text is deflated.
 * @param entries file names must be unique and relative (core/output/naming.ts makes them so)
 * @returns the zip, `application/zip`
 */
export async function buildZip(entries: readonly ZipEntry[]): Promise<Blob> {
  const zip = new JSZip();
  for (const entry of entries) {
    const text = typeof entry.data === 'string';
    zip.file(entry.name, entry.data, { compression: text ? 'DEFLATE' : 'STORE' });
  }
  return zip.generateAsync({ type: 'blob', mimeType: 'application/zip' });
}

/**
 * What one job's zip (`<video>_snapshots.zip`, core/output/naming.ts `zipFileName`) holds, in order: every output file under
 * its own name, then `manifest.json` (core/output/manifest.ts `manifestJson`). The page's "Download zip" and the headless
 * page (src/headless, used by the `snapframe` command) both pack exactly these entries.
 */
export function jobZipEntries(outputs: readonly { name: string; blob: Blob }[], manifest: Manifest): ZipEntry[] {
  return [...outputs.map((output) => ({ name: output.name, data: output.blob })), { name: 'manifest.json', data: manifestJson(manifest) }];
}
