#!/usr/bin/env node
// The `snapframe` command (package.json "bin"): runs the compiled command of src/cli/main.ts. Build it first with
// `npm run build` (the app, whose headless page the command drives, and dist-node/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist-node/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('snapframe: the command is not built. Run `npm ci && npm run build` in the Snapframe checkout first.\n');
  process.exit(1);
}
await import(main.href);
