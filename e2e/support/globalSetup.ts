/**
 * Playwright's global setup: runs once, before any test worker starts. It makes sure the `snapframe` command the
 * command-line specs drive (dist-node/, `npm run build:node`) is built from the sources in the checkout. `npm run
 * test:e2e` has just built it, so this usually does nothing; a direct `npx playwright test e2e/cli.spec.ts` after
 * editing src/ rebuilds it here. Building once, here, matters: two workers rebuilding dist-node/ at once (or one
 * rebuilding while another's command runs) empty the folder under each other.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './media';

/** Newest modification time (ms) of the files under `dir` (recursive), 0 if there is none. */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export default function globalSetup(): void {
  const built = path.join(repoRoot, 'dist-node', 'main.js');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(path.join(repoRoot, 'src')), fs.statSync(path.join(repoRoot, 'vite.cli.config.ts')).mtimeMs);
  if (builtAt >= sourcesAt) return;
  const res = spawnSync('npm', ['run', '--silent', 'build:node'], { cwd: repoRoot, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`building the command (npm run build:node) failed:\n${res.stdout}\n${res.stderr}`);
}
