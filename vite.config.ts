import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Headers for both `vite` (dev) and `vite preview` (the production build that `npm start` serves).
 * Cross-origin isolation is not needed by the single-thread ffmpeg core but keeps the page ready for
 * SharedArrayBuffer; everything the app loads is same-origin, so it costs nothing.
 */
const headers = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  // ffmpeg.wasm spawns its own worker with `new URL('./worker.js', import.meta.url)`: it must not be pre-bundled.
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
  server: { headers },
  preview: { headers, port: 4173, strictPort: true },
});
