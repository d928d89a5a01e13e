/**
 * The `snapframe` command over videos at URLs (docs/URLS.md, docs/CLI.md), served by the loopback server: addresses
 * as arguments (a progressive MP4, and an HLS master with `--variant 1`), every image against native ffmpeg's frame
 * of the file served; then a `--urls` list (with a comment and a blank line) split over two processes by `--shard`,
 * every address done exactly once with its own manifest, and `--skip-existing` over the list reading nothing more
 * than nothing (no video byte asked for). Needs `npm run build` (the command drives the built app's headless page).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { jsonLines, listTree, runCli } from './support/cli';
import { hlsSource, HLS_DIR, makeHlsStreams } from './support/hlsStreams';
import { MEDIA, mediaPath } from './support/media';
import { VideoServer } from './support/videoServer';

test.describe.configure({ timeout: 300_000, mode: 'serial' });

const server = new VideoServer(
  new Map([
    [MEDIA.flower, mediaPath(MEDIA.flower)],
    [MEDIA.friday, mediaPath(MEDIA.friday)],
    [MEDIA.bunnyWebm, mediaPath(MEDIA.bunnyWebm)],
  ]),
  new Map([['hls', HLS_DIR]]),
);

let tmp: string;
test.beforeAll(async () => {
  makeHlsStreams();
  await server.start();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-cli-urls-'));
});
test.afterAll(async () => {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const OFFSETS: OffsetCase[] = [
  { text: '1s', ms: 1000 },
  { text: '2.5s', ms: 2500 },
];

test('addresses as arguments: a progressive MP4 and an HLS master (--variant 1), each image the frame of the file served', async ({}, testInfo) => {
  const out = path.join(tmp, 'args');
  const mp4 = server.url('ok', MEDIA.flower);
  const master = server.url('ok', 'hls/ts/master.m3u8');
  const run = await runCli(['--offsets', '1s, 2.5s', '--width', '320', '--variant', '1', '--zip', '-o', out, mp4, master]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  for (const c of [
    { url: mp4, name: MEDIA.flower, size: fs.statSync(mediaPath(MEDIA.flower)).size, file: mediaPath(MEDIA.flower), zip: 'flower' },
    { url: master, name: 'master.m3u8', size: 0, file: hlsSource('lo'), zip: 'master' },
  ]) {
    const result = await checkSnapshotZip({
      testInfo,
      zipPath: path.join(out, `${c.zip}_snapshots.zip`),
      suggestedFilename: `${c.zip}_snapshots.zip`,
      sourceFile: c.file,
      offsets: OFFSETS,
      width: 320,
      height: 180,
      remote: { url: c.url, name: c.name, size: c.size },
    });
    expect(result.problems, result.problems.join('\n')).toEqual([]);
    if (c.size === 0) expect(result.manifest.source['variant']).toMatchObject({ index: 1, count: 2, resolution: '320x180' });
  }
  // --variant 1 read the low variant only.
  expect(server.requests.filter((r) => r.path.includes('/hls/ts/hi'))).toEqual([]);
});

test('--urls list.txt with --shard over two processes, then --skip-existing: every address done once, nothing read again', async () => {
  const names = [MEDIA.flower, MEDIA.friday, MEDIA.bunnyWebm];
  const urls = names.map((n) => server.url('ok', n));
  const list = path.join(tmp, 'list.txt');
  fs.writeFileSync(list, `# recordings\n${urls[2]}\n\n${urls[0]}\n${urls[1]}\n`);
  const out = path.join(tmp, 'sharded');
  const args = ['--offsets', '0.5s, 50%', '--width', '64', '--json', '--urls', list, '-o', out];
  const [s0, s1] = await Promise.all([runCli([...args, '--shard', '0/2']), runCli([...args, '--shard', '1/2'])]);
  for (const r of [s0, s1]) expect(r.code, r.stderr).toBe(0);
  const finished = (stdout: string) =>
    jsonLines(stdout)
      .filter((e) => e.event === 'finished')
      .map((e) => e.video as string);
  const f0 = finished(s0.stdout);
  const f1 = finished(s1.stdout);
  expect([...f0, ...f1].sort(), 'every address in exactly one shard').toEqual([...urls].sort());
  expect(Math.abs(f0.length - f1.length)).toBeLessThanOrEqual(1);
  // Each folder is the page's zip's content: two images and a manifest naming its address and the bytes read.
  const files = listTree(out);
  expect(files.filter((f) => f.endsWith('.jpg'))).toHaveLength(names.length * 2);
  for (const [i, name] of names.entries()) {
    const base = name.replace(/\.[^.]+$/, '');
    const manifest = JSON.parse(fs.readFileSync(path.join(out, base, 'manifest.json'), 'utf8')) as {
      source: { url: string; name: string };
      bytesRead: number;
      files: unknown[];
    };
    expect(manifest.source.url).toBe(urls[i]);
    expect(manifest.source.name).toBe(name);
    expect(manifest.files).toHaveLength(2);
    expect(manifest.bytesRead).toBeGreaterThan(0);
    expect(manifest.bytesRead).toBeLessThanOrEqual(server.bytesSent(name));
  }

  server.reset();
  const again = await runCli([...args, '--skip-existing']);
  expect(again.code, again.stderr).toBe(0);
  const events = jsonLines(again.stdout);
  expect(events.filter((e) => e.event === 'skipped').map((e) => e.video as string)).toEqual([...urls].sort());
  expect(events.filter((e) => e.event === 'finished')).toEqual([]);
  expect(server.requests, 'a skipped address is not even opened').toEqual([]);
  expect(listTree(out)).toEqual(files);
});
