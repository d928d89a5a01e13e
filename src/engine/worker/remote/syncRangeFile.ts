/// <reference lib="webworker" />
/**
 * A file at a URL that ffmpeg.wasm reads as if it were on disk: the object WORKERFS mounts as a blob (Emscripten's
 * WORKERFS reads `contents.slice(a, b)` with FileReaderSync), whose `slice` fetches the bytes by a synchronous range
 * request (XMLHttpRequest, allowed in workers; `withCredentials` false: no cookies). ffmpeg's reads (32 KiB at a time)
 * are served from 256 KiB blocks kept in a small cache, so a seek and the GOP after it cost a few requests. Used only
 * inside ffmpeg.wasm's own worker (ffmpegWorker.ts), where the core's file system lives.
 */
import { connectionLostSentence, RANGE_RETRIES, statusSentence } from '../../../core/remote/readFailures';

/** Block size of the range requests, bytes. */
const BLOCK_BYTES = 256 * 1024;
/** Blocks kept (8 MiB). */
const BLOCKS_KEPT = 32;
/** Errors thrown out of a read start with this, so that the engine worker can tell them from a crash (host.ts). */
export const URL_ERROR_MARK = 'SnapframeUrlError: ';

/** The WORKERFS blob of one URL, with the bytes its requests received. */
export class SyncRangeFile {
  /** Bytes received from the server since the last {@link takeBytes}. */
  private received = 0;
  private readonly blocks = new Map<number, Uint8Array>();

  /** @param size the file size, bytes (engine/api.ts `openUrl` found it) */
  constructor(
    readonly url: string,
    readonly size: number,
  ) {}

  /** The bytes received since the last call. */
  takeBytes(): number {
    const bytes = this.received;
    this.received = 0;
    return bytes;
  }

  /** What WORKERFS calls: bytes [start, end) as a Blob. @throws Error (URL_ERROR_MARK + a sentence naming the URL) */
  slice(start = 0, end = this.size): Blob {
    end = Math.min(end, this.size);
    const out = new Uint8Array(Math.max(0, end - start));
    for (let at = start; at < end;) {
      const index = Math.floor(at / BLOCK_BYTES);
      const block = this.block(index);
      const from = at - index * BLOCK_BYTES;
      const take = Math.min(block.byteLength - from, end - at);
      if (take <= 0) break;
      out.set(block.subarray(from, from + take), at - start);
      at += take;
    }
    return new Blob([out]);
  }

  private block(index: number): Uint8Array {
    const kept = this.blocks.get(index);
    if (kept) {
      this.blocks.delete(index);
      this.blocks.set(index, kept);
      return kept;
    }
    const first = index * BLOCK_BYTES;
    const last = Math.min(this.size, first + BLOCK_BYTES) - 1;
    const bytes = this.fetchRange(first, last);
    this.blocks.set(index, bytes);
    if (this.blocks.size > BLOCKS_KEPT) this.blocks.delete(this.blocks.keys().next().value as number);
    return bytes;
  }

  /** One range, asked again RANGE_RETRIES times after a lost connection or a 5xx answer (no wait: a read cannot sleep). */
  private fetchRange(first: number, last: number): Uint8Array {
    for (let attempt = 1; ; attempt++) {
      const xhr = new XMLHttpRequest();
      let status: number;
      try {
        xhr.open('GET', this.url, false);
        xhr.responseType = 'arraybuffer';
        xhr.setRequestHeader('Range', `bytes=${first}-${last}`);
        xhr.send();
        status = xhr.status;
      } catch {
        status = 0;
      }
      const body = status === 200 || status === 206 ? new Uint8Array(xhr.response as ArrayBuffer) : null;
      if (body) this.received += body.byteLength;
      if (status === 206 && body && body.byteLength === last - first + 1) return body;
      // A server that ignores ranges sends the whole file: take the part asked for (the engine worker's reader
      // refuses such servers above its size limit before ffmpeg.wasm is ever asked).
      if (status === 200 && body && body.byteLength >= last + 1) return body.slice(first, last + 1);
      if (status >= 400 && status < 500) throw new Error(URL_ERROR_MARK + statusSentence(this.url, status));
      if (attempt > RANGE_RETRIES) throw new Error(URL_ERROR_MARK + connectionLostSentence(this.url, attempt));
    }
  }
}
