/**
 * Builds the benchmark page (scripts/bench/page): a bare page that exposes the engine's public API
 * (src/engine/api.ts) as `window.snapframeBench`, for `npm run bench` (scripts/bench/run.mjs) to drive headless.
 * Separate from the app's vite.config.ts; builds to $SNAPFRAME_BENCH_DIR/page (default /tmp/snapframe-bench/page),
 * outside the repository.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = process.env.SNAPFRAME_BENCH_DIR ?? '/tmp/snapframe-bench';

export default defineConfig({
  root: path.join(here, 'page'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  // As in the app: ffmpeg.wasm spawns its own worker from its package and must not be pre-bundled.
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util'] },
  worker: { format: 'es' },
  build: {
    outDir: path.join(benchDir, 'page'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 65536,
    reportCompressedSize: false,
  },
});
