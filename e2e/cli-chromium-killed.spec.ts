/**
 * The command line when Chromium itself dies mid-batch: a folder of five videos, and SIGKILL to Chromium's browser
 * process (the command's own child) once the first video is done. The video in flight fails with a sentence saying
 * Chromium stopped, a new Chromium does the rest, and the command exits 1; every other video ends done, each image a
 * JPEG.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { jsonLines, startCli } from './support/cli';
import { decodeJpeg } from './support/images';
import { MEDIA, mediaPath } from './support/media';

let dir = '';

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-killed-'));
  fs.mkdirSync(path.join(dir, 'in'));
  for (const name of [MEDIA.flower, MEDIA.friday, MEDIA.bunnyWebm, MEDIA.flowerWebm, MEDIA.mov]) {
    fs.copyFileSync(mediaPath(name), path.join(dir, 'in', name));
  }
});

test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The Chromium browser process the command started: its child whose command line has no `--type=` (renderers, GPU… do). */
function browserProcessOf(pid: number): number | null {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match && /chrom/i.test(match[2]!) && !/--type=/.test(match[2]!)) return Number(match[1]);
  }
  return null;
}

test('Chromium killed mid-batch: the video in flight fails with a sentence, a new Chromium does the rest, exit 1', async () => {
  test.setTimeout(240_000);
  const out = path.join(dir, 'out');
  const run = startCli(['--interval', '0.5', '--json', '-o', out, path.join(dir, 'in')]);
  await expect.poll(() => run.stdout().includes('"event":"finished"'), { timeout: 120_000, intervals: [200] }).toBe(true);
  const browser = browserProcessOf(run.child.pid!);
  expect(browser, 'the command runs Chromium as its child').not.toBeNull();
  process.kill(browser!, 'SIGKILL');
  const result = await run.done;
  const events = jsonLines(result.stdout);
  const finished = events.filter((e) => e.event === 'finished');
  const failed = events.filter((e) => e.event === 'failed');
  expect(result.code, result.stderr).toBe(1);
  expect(failed.length, JSON.stringify(failed)).toBeGreaterThanOrEqual(1);
  for (const f of failed) {
    expect(f.message).toMatch(
      /^\S+\.\w+: Chromium stopped while making its snapshots \(it was killed or ran out of memory\)\. A new Chromium goes on/,
    );
    expect(result.stderr).toContain(f.message as string);
  }
  expect(finished.length + failed.length, 'every video ends').toBe(5);
  expect(finished.length, 'the videos after the kill are done by the new Chromium').toBeGreaterThanOrEqual(3);
  const summary = events.find((e) => e.event === 'summary');
  expect(summary).toMatchObject({ finished: finished.length, failed: failed.length, notDone: 0 });
  for (const f of finished) {
    const images = (f.files as string[]).filter((name) => name.endsWith('.jpg'));
    expect(images.length).toBeGreaterThan(0);
    for (const name of images) {
      const image = decodeJpeg(fs.readFileSync(path.join(f.path as string, name)));
      expect(image.width).toBeGreaterThan(0);
    }
  }
});
