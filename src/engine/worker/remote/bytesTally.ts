/**
 * The bytes this worker received from URLs since the job began (what the job's card and manifest.json call
 * `bytesRead`), and the sentences about them for the manifest. One job runs in a worker at a time (calls are
 * serialised), so the tally taken at the end of a job is that job's.
 */
let received = 0;
const notes: string[] = [];
const noted = new Set<string>();

/** Counts `bytes` received from `url` (the URL is kept for a future per-URL figure; one job reads one source). */
export function countBytes(_url: string, bytes: number): void {
  received += bytes;
}

/** The bytes received since the last call, and starts counting again. */
export function takeBytesRead(): number {
  const bytes = received;
  received = 0;
  return bytes;
}

/** Adds a sentence for the manifest, once per worker whatever the number of calls. */
export function noteOnce(sentence: string): void {
  if (noted.has(sentence)) return;
  noted.add(sentence);
  notes.push(sentence);
}

/** The sentences noted since the last call, cleared. */
export function takeRemoteNotes(): string[] {
  return notes.splice(0);
}
