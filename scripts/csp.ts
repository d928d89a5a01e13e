/**
 * Snapframe's Content-Security-Policy, in one place: the headers of `vite preview` and `vite` (vite.config.ts) and
 * the `<meta http-equiv>` of the built index.html (for static hosts that cannot set headers) are all made here.
 *
 * The production policy allows scripts, workers, wasm and connections from the app's own origin only, plus `blob:`
 * where object URLs are used: images and the preview player (the user's file, snapshots, thumbnails) and reading
 * a result back; images also `data:` (the empty favicon). No inline script, no `eval`/`new Function` (neither the
 * app nor ffmpeg.wasm's Emscripten core uses them). `'wasm-unsafe-eval'` is the one relaxation: without it Chromium
 * refuses `WebAssembly.instantiate*` of the ffmpeg core in its worker ("Compiling or instantiating WebAssembly
 * module violates the following Content Security policy directive"). It permits compiling WebAssembly only, not
 * JavaScript `eval`. See docs/PRIVACY.md and docs/ENGINE.md.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** Directive name -> source list, in the order they are written. */
type Directives = ReadonlyArray<readonly [string, readonly string[]]>;

/** The production policy. Each line is needed by the app, or closes something the app never uses. */
const PRODUCTION: Directives = [
  // Anything not listed below (fonts, frames, manifests, prefetch...) is refused.
  ['default-src', ["'none'"]],
  // The bundle's module scripts, the lazily imported ffmpeg core JS; compiling the ffmpeg core wasm.
  ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
  // The engine workers, @ffmpeg/ffmpeg's own worker and the service worker: all files of the build.
  ['worker-src', ["'self'"]],
  // fetch() of the core wasm and of the sample video; the service worker's precaching; and a video at a URL the user
  // gives ("Open a URL": range requests from the engine workers, docs/URLS.md). That URL can be on any host, so any
  // https: or http: address may be read, but only by the engine's reader, only when the user gives one, and without
  // cookies or credentials. Results are object URLs shown as images or downloaded through links, never fetched.
  ['connect-src', ["'self'", 'https:', 'http:']],
  // Snapshots, sheets, preview frames and filmstrip thumbnails are object URLs; the favicon is `data:,`. The app
  // has no image files of its own.
  ['img-src', ['blob:', 'data:']],
  // The preview player plays the user's file (or the fetched sample) through an object URL.
  ['media-src', ['blob:']],
  // The built stylesheet only; React sets element styles through the CSSOM, which style-src does not govern.
  ['style-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'self'"]],
  ['form-action', ["'self'"]],
  // Nobody may frame the app (clickjacking). Header only: browsers ignore it in a <meta> policy.
  ['frame-ancestors', ["'none'"]],
];

/** Directives that a `<meta http-equiv="Content-Security-Policy">` cannot carry (CSP3 §3.3). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** `'sha256-…'` source expression of an inline script's text. */
function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export interface CspOptions {
  /**
   * `production`: the policy of the built app. `development` (the `vite` dev server) adds what Vite's dev mode
   * needs: the one inline script that @vitejs/plugin-react injects (the React Refresh preamble, allowed by its hash,
   * so other inline scripts stay blocked) and inline `<style>` elements (Vite injects CSS modules that way). The HMR
   * WebSocket to the same host and port already matches `'self'` (CSP3).
   */
  mode: 'production' | 'development';
  /** `header` keeps every directive; `meta` drops those a meta policy cannot carry (frame-ancestors). */
  delivery: 'header' | 'meta';
  /** Dev only: the text of the React Refresh preamble script (`@vitejs/plugin-react`'s `preambleCode`). */
  devInlineScript?: string;
}

/**
 * The Content-Security-Policy value, e.g. `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; …`.
 * @throws Error when `mode` is `development` without `devInlineScript`.
 */
export function contentSecurityPolicy({ mode, delivery, devInlineScript }: CspOptions): string {
  const directives = PRODUCTION.map(([name, sources]): [string, string[]] => [name, [...sources]]);
  if (mode === 'development') {
    if (devInlineScript === undefined) throw new Error('contentSecurityPolicy: development needs devInlineScript');
    for (const [name, sources] of directives) {
      if (name === 'script-src') sources.push(sha256Source(devInlineScript));
      if (name === 'style-src') sources.push("'unsafe-inline'");
    }
  }
  return directives
    .filter(([name]) => delivery === 'header' || !HEADER_ONLY.has(name))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** What index.html holds where the meta policy goes. */
export const CSP_META_PLACEHOLDER = '%SNAPFRAME_CSP%';
const META_TAG = /[ \t]*<meta\s+http-equiv="Content-Security-Policy"\s+content="%SNAPFRAME_CSP%"\s*\/?>(\r?\n)?/;

/**
 * Fills index.html's `<meta http-equiv="Content-Security-Policy" content="%SNAPFRAME_CSP%">` with the production
 * meta policy on `vite build`, and removes it on the dev server (where the header carries the dev policy; a meta
 * policy there would also have to allow Vite's inline scripts).
 * @throws Error (fails the build) when index.html has no such tag: the static-hosting policy must never vanish.
 */
export function cspMetaPlugin(): Plugin {
  let command: 'build' | 'serve' = 'build';
  return {
    name: 'snapframe:csp-meta',
    configResolved(config) {
      command = config.command;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!META_TAG.test(html)) {
          throw new Error(`index.html must hold <meta http-equiv="Content-Security-Policy" content="${CSP_META_PLACEHOLDER}" />`);
        }
        if (command === 'serve') return html.replace(META_TAG, '');
        const policy = contentSecurityPolicy({ mode: 'production', delivery: 'meta' });
        return html.replace(META_TAG, (tag) => tag.replace(/content="[^"]*"/, `content="${policy}"`));
      },
    },
  };
}
