/**
 * Saves a blob as a file through the browser's download (an `<a download>` click). The object URL is revoked
 * once the browser has taken it.
 * @param name the suggested file name, e.g. "flower_snapshots.zip"
 */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
