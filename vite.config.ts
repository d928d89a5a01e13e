import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, cspMetaPlugin } from './scripts/csp.js';
import { serviceWorkerPlugin } from './scripts/serviceWorker.js';

/**
 * Cross-origin isolation is not needed by the single-thread ffmpeg core but keeps the page ready for
 * SharedArrayBuffer; everything the app loads is same-origin, so it costs nothing.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Headers of `vite preview` (the production build that `npm start` serves): isolation and the production
 * Content-Security-Policy (scripts/csp.ts; the built index.html carries the same policy as a meta tag for static
 * hosts). Served on every file, so the workers get the policy too.
 */
const previewHeaders = {
  ...isolation,
  'Content-Security-Policy': contentSecurityPolicy({ mode: 'production', delivery: 'header' }),
};

/** Headers of `vite` (dev): the same policy plus React Refresh's inline preamble (by hash) and inline styles. */
const devHeaders = {
  ...isolation,
  'Content-Security-Policy': contentSecurityPolicy({
    mode: 'development',
    delivery: 'header',
    devInlineScript: react.preambleCode.replace('__BASE__', '/'),
  }),
};

export default defineConfig({
  plugins: [react(), cspMetaPlugin(), serviceWorkerPlugin()],
  // ffmpeg.wasm spawns its own worker with `new URL('./worker.js', import.meta.url)`: it must not be pre-bundled.
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
    // Two pages: the app, and the headless page that the `snapframe` command and the benchmarks drive
    // (src/headless; served from the build as src/headless/index.html). They share the engine's chunks.
    rollupOptions: { input: { index: 'index.html', headless: 'src/headless/index.html' } },
  },
  server: { headers: devHeaders },
  preview: { headers: previewHeaders, port: 4173, strictPort: true },
});
