/**
 * A loopback HTTP server for videos at URLs (docs/URLS.md), started by a test on 127.0.0.1 at a free port: another
 * origin than the app's. The first path segment chooses how it behaves, the rest names a file it serves:
 * - `/ok/<name>`: range requests (206 with Content-Range) and CORS (any origin, Range allowed, Content-Range exposed);
 * - `/noranges/<name>`: CORS, but every request gets the whole file (200), as a server without range support;
 * - `/nocors/<name>`: ranges, no CORS header (the browser hides the answer from the page);
 * - `/drop/<name>`: as `ok`, but every body over 64 KiB is cut after half of it (the connection dropped mid-body);
 * - `/late/<name>`: as `ok` for the first {@link VideoServer.lateAfter} resources (paths: ranges or segments) asked
 *   for since the last reset, however often each is asked; any other is answered by closing the connection (a server
 *   lost in the middle of a job);
 * - anything else, or an unknown name: 404 (with CORS).
 * It counts the body bytes it sends per name, and records every request (method, path, Range header, Origin).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ServedRequest {
  method: string;
  path: string;
  range: string | null;
  origin: string | null;
  cookie: string | null;
  status: number;
}

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.webm': 'video/webm',
};

export class VideoServer {
  readonly requests: ServedRequest[] = [];
  /** Body bytes sent, by file name (the part after the mode). */
  private readonly sent = new Map<string, number>();
  private server: http.Server | null = null;
  origin = '';
  /** How many `/late/` resources are served before the server stops answering others (see the modes above). */
  lateAfter = Number.POSITIVE_INFINITY;
  private readonly lateServed = new Set<string>();

  /** @param files name (may contain `/`, e.g. `hls/master.m3u8`) -> absolute path, or a folder served whole under `dirPrefix/` */
  constructor(
    private readonly files: Map<string, string>,
    private readonly folders: Map<string, string> = new Map(),
  ) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Address of `name` served in `mode`. */
  url(mode: 'ok' | 'noranges' | 'nocors' | 'drop' | 'late' | 'missing', name: string): string {
    return `${this.origin}/${mode}/${name}`;
  }

  /** Body bytes sent for `name` since the last reset. */
  bytesSent(name?: string): number {
    if (name !== undefined) return this.sent.get(name) ?? 0;
    return [...this.sent.values()].reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.lateServed.clear();
    this.lateAfter = Number.POSITIVE_INFINITY;
    this.sent.clear();
    this.requests.length = 0;
  }

  private resolve(name: string): string | null {
    const direct = this.files.get(name);
    if (direct) return direct;
    for (const [prefix, dir] of this.folders) {
      if (!name.startsWith(`${prefix}/`)) continue;
      const file = path.join(dir, name.slice(prefix.length + 1));
      if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    }
    return null;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    const [, mode = '', ...rest] = url.pathname.split('/');
    const name = decodeURIComponent(rest.join('/'));
    const record: ServedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      range: req.headers.range ?? null,
      origin: req.headers.origin ?? null,
      cookie: req.headers.cookie ?? null,
      status: 0,
    };
    this.requests.push(record);
    const end = (status: number) => {
      record.status = status;
      res.statusCode = status;
      res.end();
    };
    const cors = mode !== 'nocors';
    if (cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Range');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
    }
    if (req.method === 'OPTIONS') return end(204);
    if (mode === 'late' && req.method === 'GET') {
      const key = `${name} ${record.range ?? ''}`;
      if (!this.lateServed.has(key) && this.lateServed.size >= this.lateAfter) {
        record.status = -1;
        return void req.socket.destroy();
      }
      this.lateServed.add(key);
    }
    const file = ['ok', 'noranges', 'nocors', 'drop', 'late'].includes(mode) ? this.resolve(name) : null;
    if (!file) return end(404);
    const size = fs.statSync(file).size;
    res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    let start = 0;
    let last = size - 1;
    let status = 200;
    const range = mode === 'noranges' ? null : /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (mode !== 'noranges') res.setHeader('Accept-Ranges', 'bytes');
    if (range) {
      start = Number(range[1]);
      last = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size) {
        res.setHeader('Content-Range', `bytes */${size}`);
        return end(416);
      }
      status = 206;
      res.setHeader('Content-Range', `bytes ${start}-${last}/${size}`);
    }
    const length = last - start + 1;
    res.setHeader('Content-Length', String(length));
    record.status = status;
    res.statusCode = status;
    if (req.method === 'HEAD') return void res.end();
    const cut = mode === 'drop' && length > 64 * 1024 ? Math.floor(length / 2) : null;
    const stream = fs.createReadStream(file, { start, end: cut === null ? last : start + cut - 1 });
    stream.on('data', (chunk: Buffer | string) => this.sent.set(name, (this.sent.get(name) ?? 0) + chunk.length));
    if (cut === null) {
      stream.pipe(res);
    } else {
      stream.on('data', (chunk) => res.write(chunk));
      stream.on('end', () => res.socket?.destroy());
    }
  }
}
