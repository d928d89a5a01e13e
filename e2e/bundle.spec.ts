/**
 * No testing hooks in what users run (docs/TESTING.md): the production build (dist/, which `npm start` serves and
 * the `snapframe` command drives, and dist-node/, the command itself) holds none of the hook names nor a read of the
 * hooks' URL parameters, while the test build (dist-e2e/, which the other specs run on) holds them all, so the
 * search is shown to find them where they are. Builds nothing: `npm run test:e2e` has made both builds before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot } from './support/media';

/** The hook names, as they stay in a minified bundle (property, global and message names are not renamed). */
const HOOK_NAMES = ['engineFault', 'armCrash', 'armHang', 'armFault', 'snapframeProbes'];
/** A read of one of the hooks' URL parameters, in any quoting the minifier writes: `.get("decoder")`, `.has('probe')`. */
const PARAM_READ = /\.(?:get|has)\(\s*(["'`])(engineFault|decoder|workers|probe)\1\s*\)/g;
/** Files that can hold code: scripts, pages, the service worker. */
const CODE_FILE = /\.(?:m?js|html)$/;

/** Every code file under `dir`, with its text. */
function codeFiles(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !CODE_FILE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file: path.relative(repoRoot, file), text: fs.readFileSync(file, 'utf8') });
  }
  return out;
}

/** Each hook name or parameter read found, with the file it is in (`armFault in dist/assets/index-….js`). */
function hooksIn(dir: string): string[] {
  const found: string[] = [];
  for (const { file, text } of codeFiles(dir)) {
    for (const name of HOOK_NAMES) if (text.includes(name)) found.push(`${name} in ${file}`);
    for (const match of text.matchAll(PARAM_READ)) found.push(`${match[0]} in ${file}`);
  }
  return found;
}

/** A build folder of the checkout, which must have been built. */
function built(folder: string, command: string): string {
  const dir = path.join(repoRoot, folder);
  if (!fs.existsSync(dir)) throw new Error(`${folder}/ is not built: run \`${command}\` first (npm run test:e2e does).`);
  return dir;
}

test.describe('testing hooks', () => {
  test('the production build holds no hook name and reads no hook parameter', () => {
    const dist = built('dist', 'npm run build');
    expect(codeFiles(dist).some((f) => f.file.includes('headless'))).toBe(true);
    expect(hooksIn(dist)).toEqual([]);
    const distNode = path.join(repoRoot, 'dist-node');
    if (fs.existsSync(distNode)) expect(hooksIn(distNode)).toEqual([]);
  });

  test('the test build holds every hook the specs use, so the search above finds them where they are', () => {
    const found = hooksIn(built('dist-e2e', 'npm run build:e2e')).join('\n');
    for (const name of ['engineFault', 'armFault', 'snapframeProbes']) expect(found).toContain(`${name} in `);
    for (const param of ['engineFault', 'decoder', 'workers', 'probe'])
      expect(found).toMatch(new RegExp(`\\.get\\((["'\`])${param}\\1\\)`));
  });
});
