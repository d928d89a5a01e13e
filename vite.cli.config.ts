/**
 * Builds the Node side (src/cli: the `snapframe` command and the `snapframe/node` API) into dist-node/ for plain
 * `node`: an SSR build (Node target, ES modules), with src/core bundled in and the packages (playwright-core,
 * commander, cli-progress) left as imports. `npm run build` runs it after the app's build, which holds the headless
 * page the command drives.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-node',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: { main: 'src/cli/main.ts', node: 'src/cli/node.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
