/**
 * A small resource at a URL (an HLS playlist or key), fetched with the reader's request options, counted, and failing
 * with the reader's sentences.
 */
import { FileUnreadableError } from '../../../core/job/errors';
import { noCorsSentence, statusSentence } from '../../../core/remote/readFailures';
import { countBytes } from './bytesTally';
import { REQUEST_INIT } from './rangeReader';

/** @throws FileUnreadableError (no CORS or unreachable; HTTP 4xx/5xx) naming the URL */
export async function fetchText(url: string): Promise<string> {
  return new TextDecoder().decode(await fetchBytes(url));
}

/**
 * The whole body of a small resource (a playlist, an HLS key), counted.
 * @throws FileUnreadableError (no CORS or unreachable; HTTP 4xx/5xx) naming the URL
 */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, REQUEST_INIT);
  } catch {
    throw new FileUnreadableError(noCorsSentence(url));
  }
  if (!response.ok) throw new FileUnreadableError(statusSentence(url, response.status));
  const bytes = new Uint8Array(await response.arrayBuffer());
  countBytes(url, bytes.byteLength);
  return bytes;
}
