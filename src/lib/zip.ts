import JSZip from 'jszip';

/** One file to put in a zip. */
export interface ZipEntry {
  name: string;
  data: Blob | string;
}

/**
 * Packs files into a zip with jszip. Images are stored as they are (JPG/PNG/WebP are already compressed);
 * text is deflated.
 * @param entries file names must be unique and relative (core/naming.ts makes them so)
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
