/**
 * Offline use: a small Vite plugin that writes `sw.js`, a hand-written service worker that precaches the whole
 * build (the app shell, both engine workers, the ffmpeg core JS and its ~32 MB wasm, public files such as the
 * sample video) under a cache named after the build's content hash.
 *
 * Strategy (docs/PRIVACY.md):
 * - install: fetch every file of the build into `snapframe-<version>` (revalidating the HTTP cache, so a stale
 *   index.html is never precached); the worker becomes active only once all of it is cached.
 * - fetch: files of the build are answered from that cache (they are content-hashed, so never stale); a page
 *   navigation goes to the network first, so an online visit always gets the newest index.html, and falls back to
 *   the cached one offline. The old worker never mixes versions: it only answers for files of its own build, and
 *   anything else goes to the network.
 * - activate: delete the caches of older builds, then claim open pages. No skipWaiting: a new build's worker waits
 *   until the old build's pages are closed, so a page never loses the files it was built with.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** Name of the emitted service worker, at the root of the build (its scope is the app's base URL). */
export const SERVICE_WORKER_FILE = 'sw.js';

/** What the service worker needs to know about the build. */
interface PrecacheManifest {
  /** Hash of every precached file's name and bytes: a new build gets a new cache and a new sw.js. */
  version: string;
  /** Files to precache, relative to sw.js; `./` is index.html. */
  files: string[];
}

/** The parts of the service worker global scope used below (tsconfig.node.json has the DOM lib, not WebWorker). */
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ServiceWorkerScopeLike {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

/**
 * The service worker itself. It is serialised with `Function.prototype.toString()` into sw.js and called there
 * with the manifest, so it must stay self-contained: no imports, no reference to anything outside its body.
 */
function serviceWorkerMain(manifest: PrecacheManifest): void {
  const sw = self as unknown as ServiceWorkerScopeLike;
  const CACHE_PREFIX = 'snapframe-';
  const cacheName = `${CACHE_PREFIX}${manifest.version}`;
  const shellUrl = new URL('./', sw.location.href).href;
  const urls = manifest.files.map((file) => new URL(file, sw.location.href).href);
  const precached = new Set(urls);
  const shellPaths = new Set([shellUrl, new URL('./index.html', sw.location.href).href]);

  sw.addEventListener('install', (event) => {
    event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(urls.map((url) => new Request(url, { cache: 'no-cache' })))));
  });

  sw.addEventListener('activate', (event) => {
    event.waitUntil(
      caches
        .keys()
        .then((names) => Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== cacheName).map((n) => caches.delete(n))))
        .then(() => sw.clients.claim()),
    );
  });

  const fromCache = (url: string): Promise<Response | undefined> => caches.open(cacheName).then((cache) => cache.match(url));

  sw.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== sw.location.origin) return;
    const key = url.origin + url.pathname;
    if (request.mode === 'navigate') {
      const fallback = shellPaths.has(key) ? shellUrl : key;
      if (!precached.has(fallback)) return;
      event.respondWith(fetch(request).catch(() => fromCache(fallback).then((cached) => cached ?? Response.error())));
      return;
    }
    if (!precached.has(key)) return;
    event.respondWith(fromCache(key).then((cached) => cached ?? fetch(request)));
  });
}

/** All files under `dir`, as paths relative to it with `/` separators. */
function listFiles(dir: string): string[] {
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/**
 * Emits `sw.js` (see the file's docstring) on `vite build`; does nothing on the dev server, which the app never
 * registers a service worker for (src/app/registerServiceWorker.ts).
 * @throws Error (fails the build) when the bundle has no index.html or no ffmpeg core wasm: offline use needs both.
 */
export function serviceWorkerPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'snapframe:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const fileName of Object.keys(bundle).sort()) {
        if (fileName.endsWith('.map') || fileName === SERVICE_WORKER_FILE || fileName.startsWith('.vite/')) continue;
        const output = bundle[fileName]!;
        hash.update(fileName).update(output.type === 'chunk' ? output.code : output.source);
        files.push(fileName === 'index.html' ? './' : fileName);
      }
      const publicDir = config.publicDir;
      for (const fileName of listFiles(publicDir).sort()) {
        if (fileName === SERVICE_WORKER_FILE || fileName in bundle) continue;
        hash.update(fileName).update(fs.readFileSync(path.join(publicDir, fileName)));
        files.push(fileName);
      }
      if (!files.includes('./')) throw new Error('serviceWorkerPlugin: the bundle has no index.html');
      if (!files.some((f) => f.endsWith('.wasm'))) throw new Error('serviceWorkerPlugin: the bundle has no ffmpeg core wasm');

      const manifest: PrecacheManifest = { version: hash.digest('hex').slice(0, 16), files };
      const source =
        `// Snapframe service worker, generated by scripts/serviceWorker.ts at build time. Build ${manifest.version}.\n` +
        `(${serviceWorkerMain.toString()})(${JSON.stringify(manifest, null, 2)});\n`;
      this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source });
    },
  };
}
