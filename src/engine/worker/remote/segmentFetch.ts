/**
 * The fetch mediabunny's UrlSource uses for an HLS stream (playlists, init segments, media segments, keys): each answer
 * is read to its end here, counted (bytesTally.ts), and a connection lost before, or in the middle of, a body is asked
 * again from where it stopped (`Range: bytes=<received>-`) RANGE_RETRIES times, after retryDelayMs; then the job fails
 * with the one sentence that names the address the user gave (core/remote/readFailures.ts). mediabunny's own retries
 * are off (its mid-body resumes are not counted and never give up), so every failure it sees is final and ours.
 * HLS segments are small (a few seconds each), so reading a segment whole costs at most the rest of that segment.
 */
import { FileUnreadableError } from '../../../core/job/errors';
import { connectionLostSentence, noCorsSentence, RANGE_RETRIES, retryDelayMs, statusSentence } from '../../../core/remote/readFailures';
import { countBytes } from './bytesTally';
import { REQUEST_INIT } from './rangeReader';

/** A failure worth another attempt: no answer, a 5xx, or a body cut short. */
class Transient extends Error {}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first byte of a `Range: bytes=a-` or `bytes=a-b` header, or null without one. */
function rangeStart(headers: HeadersInit | undefined): number | null {
  const range = new Headers(headers).get('Range');
  const match = range ? /^bytes=(\d+)-/.exec(range) : null;
  return match ? Number(match[1]) : null;
}

/** Reads a body to its end, counting each chunk; a body that errors keeps what came and is Transient. */
async function drain(response: Response, label: string, into: Uint8Array[]): Promise<void> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    countBytes(label, bytes.byteLength);
    into.push(bytes);
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      countBytes(label, value.byteLength);
      into.push(value);
    }
  } catch (error) {
    throw new Transient(String(error));
  }
}

/**
 * @param label the address the user gave (named in the lost-connection sentence)
 * @returns a fetch whose Responses carry the whole body already read (url, redirected and type stay the first
 *   answer's, for mediabunny's relative segment paths)
 * @throws FileUnreadableError (4xx: the resource's address and status; no first answer: no CORS; retries spent:
 *   the connection was lost), or the abort of the request's signal
 */
export function segmentFetch(label: string): typeof fetch {
  return async (resource, init) => {
    const target = resource instanceof Request ? resource.url : String(resource);
    const from = rangeStart(init?.headers);
    const chunks: Uint8Array[] = [];
    let first: Response | null = null;
    for (let failures = 0; ;) {
      const received = chunks.reduce((sum, c) => sum + c.byteLength, 0);
      const headers = new Headers(init?.headers);
      if (first) headers.set('Range', `bytes=${(from ?? 0) + received}-`);
      try {
        let response: Response;
        try {
          response = await fetch(target, { ...init, ...REQUEST_INIT, headers });
        } catch (error) {
          if (init?.signal?.aborted) throw error;
          // No answer at all on the first contact: the browser hides why (CORS), or the host is unreachable.
          if (!first && failures === 0 && chunks.length === 0) throw new Transient(noCorsSentence(target));
          throw new Transient(String(error));
        }
        if (response.status >= 500) {
          await response.body?.cancel().catch(() => undefined);
          throw new Transient(`HTTP ${response.status}`);
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          throw new FileUnreadableError(statusSentence(target, response.status));
        }
        // A resumed request answered whole (200) starts again from the beginning.
        if (first && response.status !== 206) chunks.length = 0;
        first ??= response;
        await drain(response, label, chunks);
        break;
      } catch (error) {
        if (!(error instanceof Transient) || init?.signal?.aborted) throw error;
        failures += 1;
        if (failures > RANGE_RETRIES) {
          const neverAnswered = !first && error.message.startsWith(target);
          throw new FileUnreadableError(neverAnswered ? error.message : connectionLostSentence(label, failures));
        }
        await wait(retryDelayMs(failures));
      }
    }
    const answer = first;
    const body = new Blob(chunks as BlobPart[]);
    const whole = new Response(body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    return new Proxy(whole, {
      get(target, property) {
        if (property === 'url' || property === 'redirected' || property === 'type') return Reflect.get(answer, property, answer);
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
}
