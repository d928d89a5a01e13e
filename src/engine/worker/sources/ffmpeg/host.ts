/**
 * Owns one ffmpeg.wasm instance inside the engine worker and keeps it healthy (docs/ENGINE.md "Measured facts"):
 * - the core is loaded from the app's own origin (Vite `?url` imports), never from a CDN;
 * - the source File is mounted with WORKERFS (read lazily, never copied into wasm memory);
 * - the instance is recycled (terminate + load + remount) every RECYCLE_AFTER_EXECS executions, before the
 *   ~63-exec "memory access out of bounds" crash (ffmpegwasm/ffmpeg.wasm #820, #563, #704), and after any crash;
 * - every execution has a watchdog: a stuck exec is ended by terminating the instance.
 * Calls must be serialised by the caller (see worker/index.ts).
 */
import type { VideoInput } from '../../../videoInput';
import { FFmpeg } from '@ffmpeg/ffmpeg';
import coreURL from '@ffmpeg/core?url';
import wasmURL from '@ffmpeg/core/wasm?url';
import { FileUnreadableError, InternalError, UnsupportedMediaError } from '../../../../core/job/errors';
import type { CoreLoadMessage } from '../../../coreLoad';
import { downloadCore } from './coreDownload';
import ffmpegWorkerURL from './ffmpegWorker?worker&url';
import { URL_BYTES_PATH, URL_FS } from './urlMount';
import { isRemote } from '../../../../core/remote/remoteVideo';
import { hlsWithoutFfmpegSentence } from '../../../../core/remote/readFailures';
import { countBytes } from '../../remote/bytesTally';
import { URL_ERROR_MARK } from '../../remote/syncRangeFile';
import { fileKey } from '../../fileKey';
import { crashArgs, HANG_ARGS, HANG_WATCHDOG_MS, takeFault } from '../../faults';

/** Recycle well before the ~63-exec crash measured in docs/ENGINE.md "Measured facts" (which advises <= 50). */
export const RECYCLE_AFTER_EXECS = 40;
const LOG_LINES_KEPT = 200;
const LOG_TAIL_LINES = 25;
const IN_DIR = '/in';
export const OUT_DIR = '/out';
/** Name of the User Timing mark made at the start of every ffmpeg/ffprobe execution. */
export const EXEC_MARK = 'snapframe:ffmpeg-exec';
/**
 * Name of the User Timing mark made each time an instance is ended for a fresh one; its detail says why: `execs`
 * (RECYCLE_AFTER_EXECS reached) or `failure` (a crash, a watchdog, an unreadable file).
 */
export const RECYCLE_MARK = 'snapframe:ffmpeg-recycle';

export interface RunResult {
  /** ffmpeg's exit code (0 = success). */
  code: number;
  /** Log lines printed during this execution. */
  lines: string[];
}

export class FfmpegHost {
  private ffmpeg: FFmpeg | null = null;
  /** The file the caller works on; remounted on every fresh instance (recycling happens between any two runs). */
  private file: VideoInput | null = null;
  private mountedKey: string | null = null;
  private readonly log: string[] = [];
  private capture: string[] | null = null;
  /** ffmpeg/ffprobe executions on the current instance. */
  private execsOnInstance = 0;
  /** Whether this worker has fetched the core once (with download progress for the page). */
  private coreFetched = false;

  /** The last lines of the engine log, for error reports. */
  logTail(count = LOG_TAIL_LINES): string[] {
    return this.log.slice(-count);
  }

  /** Ends the current instance (marked {@link RECYCLE_MARK} with `reason`); the next call loads a fresh one. */
  recycle(reason: 'execs' | 'failure' = 'failure'): void {
    if (this.ffmpeg) performance.mark(RECYCLE_MARK, { detail: reason });
    this.ffmpeg?.terminate();
    this.ffmpeg = null;
    this.mountedKey = null;
    this.execsOnInstance = 0;
  }

  private async instance(): Promise<FFmpeg> {
    if (this.ffmpeg && this.execsOnInstance >= RECYCLE_AFTER_EXECS) this.recycle('execs');
    if (this.ffmpeg) return this.ffmpeg;
    const ffmpeg = new FFmpeg();
    ffmpeg.on('log', ({ message }) => {
      this.log.push(message);
      if (this.log.length > LOG_LINES_KEPT) this.log.splice(0, this.log.length - LOG_LINES_KEPT);
      this.capture?.push(message);
    });
    if (!this.coreFetched) {
      this.coreFetched = true;
      await downloadCore(wasmURL, (progress) => self.postMessage({ snapframeCoreLoad: progress } satisfies CoreLoadMessage));
    }
    try {
      await ffmpeg.load({ coreURL, wasmURL, classWorkerURL: ffmpegWorkerURL });
      await ffmpeg.createDir(IN_DIR);
      await ffmpeg.createDir(OUT_DIR);
    } catch (error) {
      ffmpeg.terminate();
      throw new InternalError(`The video engine (ffmpeg.wasm) could not start: ${String(error)}. Reload the page.`);
    }
    this.ffmpeg = ffmpeg;
    if (this.file) await this.mountOn(ffmpeg, this.file);
    return ffmpeg;
  }

  private async mountOn(ffmpeg: FFmpeg, file: VideoInput): Promise<void> {
    const key = fileKey(file);
    if (this.mountedKey === key) return;
    if (this.mountedKey !== null) await ffmpeg.unmount(IN_DIR);
    this.mountedKey = null;
    if (isRemote(file)) {
      // A URL is mounted as a file read by range requests (ffmpegWorker.ts); an HLS playlist is no one file, and
      // ffmpeg.wasm's hls demuxer cannot fetch segments (no network in the sandboxed build).
      if (file.layout === 'hls') throw new UnsupportedMediaError(hlsWithoutFfmpegSentence(file.url));
      const options = { url: file.url, name: file.name, size: file.size } as unknown as Parameters<FFmpeg['mount']>[1];
      await ffmpeg.mount(URL_FS as Parameters<FFmpeg['mount']>[0], options, IN_DIR);
    } else {
      await ffmpeg.mount('WORKERFS' as Parameters<FFmpeg['mount']>[0], { files: [file] }, IN_DIR);
    }
    this.mountedKey = key;
  }

  /**
   * Mounts `file` read-only at /in (WORKERFS), replacing any other mounted file; it stays mounted across
   * recycling until another file is mounted.
   * @returns the file's path inside the engine, e.g. "/in/flower.mp4"
   */
  async mount(file: VideoInput): Promise<string> {
    this.file = file;
    await this.mountOn(await this.instance(), file);
    return `${IN_DIR}/${file.name}`;
  }

  /**
   * Runs ffmpeg or ffprobe once, with a watchdog.
   * @param timeoutMs wall-clock limit; past it the instance is terminated and InternalError thrown
   * @throws InternalError when ffmpeg.wasm crashes (e.g. "memory access out of bounds") or hangs; the instance is
   *   recycled first, so the next call runs on a fresh one. FileUnreadableError when the browser can no longer
   *   read the mounted file.
   */
  async run(tool: 'ffmpeg' | 'ffprobe', args: string[], timeoutMs: number): Promise<RunResult> {
    const ffmpeg = await this.instance();
    const lines: string[] = [];
    this.capture = lines;
    this.execsOnInstance += 1;
    // A User Timing mark per execution: visible in DevTools, and counted by the benchmark and the e2e tests.
    performance.mark(EXEC_MARK, { detail: tool });
    // Test build only (worker/faults.ts): the armed hang replaces the next execution, under a short watchdog.
    const hang = import.meta.env.MODE === 'e2e' && takeFault('hang');
    if (hang) timeoutMs = HANG_WATCHDOG_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('watchdog')), timeoutMs);
    });
    try {
      // Test build only: the armed crash replaces the next execution, ffprobe or ffmpeg (a job's first one may be an
      // index read).
      const crash = import.meta.env.MODE === 'e2e' && takeFault('crash');
      const exec = crash
        ? ffmpeg.exec(crashArgs(OUT_DIR))
        : hang
          ? ffmpeg.exec([...HANG_ARGS])
          : tool === 'ffprobe'
            ? ffmpeg.ffprobe(args)
            : ffmpeg.exec(args);
      const code = await Promise.race([exec, watchdog]);
      if (this.file && isRemote(this.file)) await this.countUrlBytes(ffmpeg);
      return { code, lines };
    } catch (error) {
      this.recycle();
      const reason = error instanceof Error ? error.message : String(error);
      const urlError = reason.indexOf(URL_ERROR_MARK);
      if (urlError >= 0) throw new FileUnreadableError(reason.slice(urlError + URL_ERROR_MARK.length));
      if (/NotReadableError|NotFoundError|could not be read/i.test(reason)) {
        throw new FileUnreadableError('The browser can no longer read this file (it was moved, deleted or changed). Choose it again.');
      }
      if (reason === 'watchdog') {
        throw new InternalError(
          `The video engine stopped responding for ${Math.round(timeoutMs / 1000)} s and was restarted. ` +
            'Try again; if it happens again, the file may be damaged.',
          this.logTail(),
        );
      }
      throw new InternalError(
        `The video engine (ffmpeg.wasm) crashed: ${reason}. The job was stopped; the next one starts on a fresh engine.`,
        this.logTail(),
      );
    } finally {
      clearTimeout(timer);
      this.capture = null;
    }
  }

  /** Adds the bytes the URL's range requests received during the last execution to the job's tally. */
  private async countUrlBytes(ffmpeg: FFmpeg): Promise<void> {
    const answer = await ffmpeg.readFile(URL_BYTES_PATH, 'utf8').catch(() => '0');
    const bytes = Number(typeof answer === 'string' ? answer : new TextDecoder().decode(answer));
    if (bytes > 0 && this.file && isRemote(this.file)) countBytes(this.file.url, bytes);
  }

  /**
   * Reads an output file and deletes it from the in-memory file system.
   * @returns its bytes, or null when ffmpeg did not write it (always check: ffmpeg may exit 0 with no output)
   */
  async take(path: string): Promise<Uint8Array | null> {
    // The instance that ran the exec, never a recycled one: the output lives in its memory.
    const ffmpeg = this.ffmpeg;
    if (!ffmpeg) return null;
    let data: Uint8Array | string;
    try {
      data = await ffmpeg.readFile(path);
    } catch {
      return null;
    }
    await ffmpeg.deleteFile(path).catch(() => undefined);
    return typeof data === 'string' ? new TextEncoder().encode(data) : data;
  }
}
