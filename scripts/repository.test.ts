/**
 * The repository stands alone: a fresh clone with nothing beside it builds, tests and documents itself.
 * - No tracked file refers to the folder that once sat beside the checkout (the team's machines had one with the
 *   test videos, the first spec and the vendors' docs; nobody else has it).
 * - The tests read their videos from test-media/ only, and every video there has its source and licence in
 *   test-media/README.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MEDIA, mediaDir } from '../e2e/support/media';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
/** Text files: what a person or a program reads (the videos and images are left out). */
const textFiles = tracked
  .filter((f) => !f.startsWith('test-media/') || f.endsWith('.md') || f.endsWith('.txt'))
  .filter((f) => !/\.(png|jpg|mp4|webm|woff2|wasm)$/.test(f));

describe('the repository stands alone', () => {
  it('no tracked file refers to a folder beside the checkout', () => {
    // Spelled in two pieces so that this file does not match itself.
    const beside = new RegExp(['\\.\\./', 'shared\\b'].join(''));
    const named = new RegExp(['shared/', '(media|seeds|SPEC\\.md|DESIGN\\.md|ENGINE-FACTS\\.md)'].join(''));
    const hits = textFiles.filter((f) => {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      return beside.test(text) || named.test(text);
    });
    expect(hits).toEqual([]);
  });

  it('the e2e tests read their videos from test-media/, each with its source and licence', () => {
    expect(mediaDir).toBe(path.join(root, 'test-media'));
    const readme = fs.readFileSync(path.join(mediaDir, 'README.md'), 'utf8');
    const videos = fs.readdirSync(mediaDir).filter((f) => !f.endsWith('.md') && f !== 'LICENSES');
    expect(videos.sort()).toEqual(Object.values(MEDIA).sort());
    for (const video of videos) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${video} |`));
      expect(row, `${video} has a row in test-media/README.md`).toBeDefined();
      expect(row, `${video}'s row names its licence`).toMatch(/CC0|CC BY|Apache-2\.0|MIT/);
      expect(tracked, `${video} is tracked by git`).toContain(`test-media/${video}`);
    }
    // No test reads videos from anywhere else.
    const elsewhere = tracked.filter((f) => f.startsWith('e2e/') && /SNAPFRAME_MEDIA/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(elsewhere).toEqual([]);
  });
});
