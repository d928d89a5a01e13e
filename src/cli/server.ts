/**
 * The local server of the headless engine: the built app (the headless page, its workers, the ffmpeg core) with the
 * app's own headers (cross-origin isolation, the production Content-Security-Policy of scripts/csp.ts), and an
 * upload door through which the page hands back a job's files: `PUT /__snapframe/out/<token>/<file name>`, written
 * into the folder registered for that token. Listens on 127.0.0.1 on a free port; nothing else can reach it.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { mkdir } from 'node:fs/promises';
import { contentSecurityPolicy } from '../../scripts/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.mp4': 'video/mp4',
};

const HEADERS = {
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Content-Security-Policy': contentSecurityPolicy({ mode: 'production', delivery: 'header' }),
};

const OUT_PREFIX = '/__snapframe/out/';

export interface HeadlessServer {
  /** e.g. `http://127.0.0.1:41234/` */
  url: string;
  /** Files PUT with this token go into `dir` (which must exist). */
  accept(token: string, dir: string): void;
  /** Stops accepting files for this token. */
  refuse(token: string): void;
  close(): Promise<void>;
}

/**
 * A file name the page may write: plain names, nothing hidden or special, at most 4 folders deep joined by `/` (a
 * Jellyfin tile goes to `<video>.trickplay/<width> - <grid>/<index>.jpg`).
 */
function safeName(name: string): boolean {
  const parts = name.split('/');
  return parts.length <= 4 && parts.every((part) => part !== '' && !part.startsWith('.') && !/[\\\0]/.test(part) && part.length <= 255);
}

async function receive(req: IncomingMessage, res: ServerResponse, sinks: Map<string, string>): Promise<void> {
  const [token = '', name = ''] = req
    .url!.slice(OUT_PREFIX.length)
    .split('/')
    .map((part) => decodeURIComponent(part));
  const dir = sinks.get(token);
  if (req.method !== 'PUT' || !dir || !safeName(name)) {
    res.writeHead(403, HEADERS).end('refused');
    return;
  }
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await pipeline(req, createWriteStream(path.join(dir, name)));
  res.writeHead(204, HEADERS).end();
}

function serveFile(root: string, req: IncomingMessage, res: ServerResponse): void {
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = path.join(root, path.normalize(urlPath === '/' ? '/index.html' : urlPath));
  let size = -1;
  try {
    if (file.startsWith(root + path.sep) && statSync(file).isFile()) size = statSync(file).size;
  } catch {
    /* 404 below */
  }
  if (size < 0 || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, HEADERS).end('not found');
    return;
  }
  res.writeHead(200, { ...HEADERS, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/**
 * Serves a build folder (`vite build` output) on 127.0.0.1, port 0 (a free one).
 * @param root absolute path of the build folder.
 */
export function serveHeadless(root: string): Promise<HeadlessServer> {
  const sinks = new Map<string, string>();
  const server = createServer((req, res) => {
    if (req.url?.startsWith(OUT_PREFIX)) {
      receive(req, res, sinks).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, HEADERS);
        res.end(String(error));
      });
    } else {
      serveFile(path.resolve(root), req, res);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        accept: (token, dir) => void sinks.set(token, dir),
        refuse: (token) => void sinks.delete(token),
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
