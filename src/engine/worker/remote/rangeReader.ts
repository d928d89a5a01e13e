/**
 * Reads a video at a URL by HTTP range requests (RFC 9110 §14: `Range: bytes=a-b`, answer 206 with those bytes), with
 * no cookies or credentials (`credentials: 'omit'`) and no HTTP cache (`cache: 'no-store'`: the bytes counted are the
 * bytes the server sent). A lost connection or a 5xx answer is retried RANGE_RETRIES times; every failure is one
 * sentence naming the URL (core/remote/readFailures.ts). A server that ignores ranges has its file read whole once,
 * up to WHOLE_READ_LIMIT_BYTES. Every byte received is counted (bytesTally.ts) for the job's `bytesRead`.
 */
import { FileUnreadableError } from '../../../core/job/errors';
import {
  connectionLostSentence,
  noCorsSentence,
  noRangesSentence,
  RANGE_RETRIES,
  readWholeNote,
  retryDelayMs,
  shortRangeSentence,
  statusSentence,
  WHOLE_READ_LIMIT_BYTES,
} from '../../../core/remote/readFailures';
import { contentRangeTotal } from '../../../core/remote/remoteVideo';
import { countBytes, noteOnce } from './bytesTally';

/** The request options of every read: no cookies, no credentials, no cache, no referrer. */
export const REQUEST_INIT: RequestInit = { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', mode: 'cors' };

/** A failure worth another attempt (the connection dropped, the server answered 5xx), as opposed to a final answer. */
class Transient extends Error {}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a response body to the end, counting each chunk as it arrives (a body cut short still counts what came). */
async function readBody(url: string, response: Response): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      countBytes(url, value.byteLength);
    }
  } catch (error) {
    throw new Transient(String(error));
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** GET with a Range header; a rejected fetch becomes the no-CORS sentence (the browser says no more than that). */
async function rangeFetch(url: string, range: string | null): Promise<Response> {
  try {
    return await fetch(url, { ...REQUEST_INIT, ...(range ? { headers: { Range: range } } : {}) });
  } catch (error) {
    // A dropped connection before any answer also lands here; the caller retries it before giving up.
    throw new Transient(String(error));
  }
}

/** The size and range support of a URL, as one `bytes=0-0` request finds them. */
export interface UrlFacts {
  /** bytes, or null when the server does not say (then the HEAD's Content-Length, else null) */
  size: number | null;
  ranges: boolean;
}

/**
 * Asks for the first byte of `url` (`Range: bytes=0-0`): a 206 says the server answers ranges and gives the size
 * (Content-Range, when the server exposes it to CORS; else a HEAD's Content-Length).
 * @throws FileUnreadableError with the sentence for no CORS, a 4xx/5xx status, or a connection that keeps failing
 */
export async function urlFacts(url: string): Promise<UrlFacts> {
  const response = await withRetries(
    url,
    async () => {
      const answer = await rangeFetch(url, 'bytes=0-0');
      if (answer.status >= 500) throw new Transient(`HTTP ${answer.status}`);
      return answer;
    },
    true,
  );
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel().catch(() => undefined);
    throw new FileUnreadableError(statusSentence(url, response.status));
  }
  const ranges = response.status === 206;
  let size = ranges ? contentRangeTotal(response.headers.get('Content-Range')) : lengthOf(response);
  await response.body?.cancel().catch(() => undefined);
  if (size === null && ranges) {
    const head = await fetch(url, { ...REQUEST_INIT, method: 'HEAD' }).catch(() => null);
    size = head?.ok ? lengthOf(head) : null;
  }
  return { size, ranges };
}

function lengthOf(response: Response): number | null {
  const text = response.headers.get('Content-Length');
  return text !== null && /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * Runs `attempt` up to 1 + RANGE_RETRIES times while it fails transiently, waiting retryDelayMs between.
 * @param firstContact a first request that never got an answer is the no-CORS sentence, not a lost connection
 */
async function withRetries<T>(url: string, attempt: () => Promise<T>, firstContact = false): Promise<T> {
  let failures = 0;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof Transient)) throw error;
      failures += 1;
      // A first request refused outright is CORS (or an unreachable server); retrying does not change it.
      if (firstContact && !/HTTP 5\d\d/.test(error.message)) throw new FileUnreadableError(noCorsSentence(url));
      if (failures > RANGE_RETRIES) throw new FileUnreadableError(connectionLostSentence(url, failures));
      await wait(retryDelayMs(failures));
    }
  }
}

/** One URL's reader in this worker: exact ranges, or the whole file in memory when the server ignores ranges. */
export class RangeReader {
  private whole: Uint8Array | null = null;

  /** @param size bytes, as openUrl found it */
  constructor(
    readonly url: string,
    readonly size: number,
  ) {}

  /**
   * Bytes [offset, offset + length) of the video.
   * @throws FileUnreadableError with a sentence naming the URL (status, no ranges over the limit, connection lost)
   */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (end <= offset) return new Uint8Array(0);
    if (this.whole) return this.whole.subarray(offset, end);
    return withRetries(this.url, async () => {
      const response = await rangeFetch(this.url, `bytes=${offset}-${end - 1}`);
      if (response.status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        throw new Transient(`HTTP ${response.status}`);
      }
      if (response.status === 200) return (await this.readWhole(response)).subarray(offset, end);
      if (response.status !== 206) {
        await response.body?.cancel().catch(() => undefined);
        throw new FileUnreadableError(statusSentence(this.url, response.status));
      }
      const bytes = await readBody(this.url, response);
      if (bytes.byteLength !== end - offset) {
        // A body cut short is a dropped connection (retried); a longer one a server that changed the file.
        if (bytes.byteLength < end - offset) throw new Transient('short body');
        throw new FileUnreadableError(shortRangeSentence(this.url, end - offset, bytes.byteLength));
      }
      return bytes;
    });
  }

  /** A 200 for a range: the server ignores ranges; keep the whole file when it is small enough. */
  private async readWhole(response: Response): Promise<Uint8Array> {
    const size = lengthOf(response) ?? this.size;
    if (size > WHOLE_READ_LIMIT_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new FileUnreadableError(noRangesSentence(this.url, size));
    }
    const bytes = await readBody(this.url, response);
    if (bytes.byteLength < size) throw new Transient('short body');
    this.whole = bytes;
    noteOnce(readWholeNote(this.url, bytes.byteLength));
    return bytes;
  }
}

/** The readers of this worker, one per URL (a job's calls reuse the same one). */
const readers = new Map<string, RangeReader>();

/** The reader of `url` (size bytes) in this worker. */
export function rangeReader(url: string, size: number): RangeReader {
  let reader = readers.get(url);
  if (!reader || reader.size !== size) {
    reader = new RangeReader(url, size);
    readers.set(url, reader);
  }
  return reader;
}
