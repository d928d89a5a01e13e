/**
 * HLS VOD playlists at a URL (docs/URLS.md "HLS"), made at test time with Debian's ffmpeg (`-f hls`, 2 s segments):
 * two variants (640x360 and 320x180 of one testsrc2 picture, a keyframe every 2 s) cut into MPEG-TS segments under
 * a master playlist, the high one also into fragmented-MP4 segments, a live copy (no #EXT-X-ENDLIST) and an AES-128
 * copy whose key the server does not have. Served by the loopback server (another origin). Every image is compared
 * with native ffmpeg's frame of the variant's MP4 the segments were copied from; the manifest names the variant
 * read; the job's bytes are those of the segments holding the times; the other variant is never asked for.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { repoRoot } from './support/media';
import { VideoServer } from './support/videoServer';

test.describe.configure({ mode: 'serial' });

const DIR = path.join(repoRoot, 'e2e', '.cache', 'hls-v1');
const VARIANTS = [
  { name: 'hi', size: '640x360', bandwidth: 1_200_000 },
  { name: 'lo', size: '320x180', bandwidth: 400_000 },
] as const;

const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
/** `-f hls` of an MP4, copied (so its frames are the MP4's), 2 s segments, a finished (VOD) playlist. */
const hls = (input: string, playlist: string, extra: string[] = []) =>
  ffmpeg('-i', input, '-c', 'copy', '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', ...extra, playlist);

/** Makes the streams once (e2e/.cache; a temp folder renamed whole, so a reader never sees half of it). */
function makeStreams(): void {
  if (fs.existsSync(DIR)) return;
  const tmp = `${DIR}.${process.pid}.part`;
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const sub of ['ts', 'fmp4', 'enc']) fs.mkdirSync(path.join(tmp, sub), { recursive: true });
  for (const v of VARIANTS) {
    const mp4 = path.join(tmp, `${v.name}.mp4`);
    ffmpeg(
      ...['-f', 'lavfi', '-i', `testsrc2=size=${v.size}:rate=25`, '-t', '8'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-keyint_min', '50', '-sc_threshold', '0'],
      ...['-pix_fmt', 'yuv420p', '-movflags', '+faststart', mp4],
    );
    hls(mp4, path.join(tmp, 'ts', `${v.name}.m3u8`), ['-hls_segment_filename', path.join(tmp, 'ts', `${v.name}_%03d.ts`)]);
  }
  const master = VARIANTS.map((v) => `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},RESOLUTION=${v.size}\n${v.name}.m3u8\n`);
  // Lowest first, as many packagers write it: the page must still pick the highest bandwidth.
  fs.writeFileSync(path.join(tmp, 'ts', 'master.m3u8'), `#EXTM3U\n#EXT-X-VERSION:3\n${[...master].reverse().join('')}`);
  hls(path.join(tmp, 'hi.mp4'), path.join(tmp, 'fmp4', 'hi.m3u8'), [
    ...['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'hi_init.mp4'],
    ...['-hls_segment_filename', path.join(tmp, 'fmp4', 'hi_%03d.m4s')],
  ]);
  const vod = fs.readFileSync(path.join(tmp, 'ts', 'lo.m3u8'), 'utf8');
  fs.writeFileSync(path.join(tmp, 'ts', 'live.m3u8'), vod.replace(/^#EXT-X-(ENDLIST|PLAYLIST-TYPE:VOD)\r?\n/gm, ''));
  // AES-128 with a key at "missing.key", which is kept outside the served folder (the server answers 404).
  const key = path.join(tmp, 'aes.key');
  fs.writeFileSync(key, Buffer.alloc(16, 7));
  fs.writeFileSync(path.join(tmp, 'keyinfo'), `missing.key\n${key}\n`);
  hls(path.join(tmp, 'lo.mp4'), path.join(tmp, 'enc', 'lo.m3u8'), [
    ...['-hls_key_info_file', path.join(tmp, 'keyinfo'), '-hls_segment_filename', path.join(tmp, 'enc', 'lo_%03d.ts')],
  ]);
  fs.renameSync(tmp, DIR);
}

const server = new VideoServer(new Map(), new Map([['hls', DIR]]));
const source = (variant: string) => path.join(DIR, `${variant}.mp4`);
const segmentBytes = (sub: string, names: string[]) => names.reduce((sum, n) => sum + fs.statSync(path.join(DIR, sub, n)).size, 0);
const served = (sub: string, prefix: string) =>
  server.requests.filter((r) => r.method === 'GET' && r.path.includes(`/hls/${sub}/${prefix}`)).map((r) => r.path);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  makeStreams();
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
});
test.beforeEach(({ network }) => {
  network.allow(server.origin);
  server.reset();
});

/** Times in the first and third segments only ([0, 2) s and [4, 6) s), with a frame exactly on a segment start. */
const OFFSETS: OffsetCase[] = [0.52, 1.96, 4, 5.61].map((s) => ({ text: `${s}s`, ms: Math.round(s * 1000), why: 'segments 1 and 3' }));

for (const c of [
  { kind: 'TS segments, master playlist', sub: 'ts', playlist: 'master.m3u8', segments: ['hi_000.ts', 'hi_002.ts'] },
  { kind: 'fMP4 segments, media playlist', sub: 'fmp4', playlist: 'hi.m3u8', segments: ['hi_init.mp4', 'hi_000.m4s', 'hi_002.m4s'] },
]) {
  test(`HLS (${c.kind}): every image is the frame of the highest variant, read from the segments holding the times`, async ({
    app,
  }, testInfo) => {
    test.setTimeout(180_000);
    const url = server.url('ok', `hls/${c.sub}/${c.playlist}`);
    await app.open();
    await app.openUrls([url]);
    const details = await app.waitForProbe(c.playlist);
    expect(details['Resolution']).toBe('640 × 360');
    if (c.sub === 'ts') {
      expect(details['Variant']).toBe('640x360, 1.2 Mbit/s (variant 1 of 2)');
      await expect(app.page.getByLabel('HLS variant read').locator('option')).toHaveCount(2);
    }
    await app.setOffsets(OFFSETS.map((o) => o.text).join(', '));
    await app.setSize(640, 360);
    server.reset();
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 150_000);
    await expect(job.item).toContainText('browser (WebCodecs)');
    const { zipPath, suggestedFilename } = await app.downloadZip();
    const remote = { url, name: c.playlist, size: 0 };
    const result = await checkSnapshotZip({
      testInfo,
      zipPath,
      suggestedFilename,
      sourceFile: source('hi'),
      offsets: OFFSETS,
      width: 640,
      height: 360,
      remote,
    });
    expect(result.problems, result.problems.join('\n')).toEqual([]);
    const { manifest } = result;
    expect(manifest.source.container).toBe('hls');
    if (c.sub === 'ts') {
      expect(manifest.source['variant']).toEqual({
        index: 0,
        count: 2,
        bandwidth: 1_200_000,
        resolution: '640x360',
        uri: server.url('ok', 'hls/ts/hi.m3u8'),
      });
    }
    // The job read the segments that hold the times (each job worker reads the playlist and the segments of its
    // times): at least those once, never the two segments without a time, never the other variant.
    const needed = segmentBytes(c.sub, c.segments);
    const line = `${c.playlist} (${c.kind}): job read ${manifest.bytesRead} bytes; segments holding the times ${needed}; server sent ${server.bytesSent()} during the job`;
    console.log(line);
    testInfo.annotations.push({ type: 'bytes', description: line });
    expect(manifest.bytesRead).toBeGreaterThanOrEqual(needed);
    expect(manifest.bytesRead).toBeLessThanOrEqual(server.bytesSent());
    const unneeded = c.sub === 'ts' ? ['hi_001.ts', 'hi_003.ts'] : ['hi_001.m4s', 'hi_003.m4s'];
    for (const n of unneeded) expect(served(c.sub, n), `${n} holds no time`).toEqual([]);
    expect(served(c.sub, 'lo'), 'the other variant').toEqual([]);
  });
}

test('HLS master: the variant chosen is the one read, and the manifest names it', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const url = server.url('ok', 'hls/ts/master.m3u8');
  await app.open();
  await app.openUrls([url], 1);
  const details = await app.waitForProbe('master.m3u8');
  expect(details['Variant']).toBe('320x180, 0.4 Mbit/s (variant 2 of 2)');
  expect(details['Resolution']).toBe('320 × 180');
  const offsets = OFFSETS.slice(1, 3);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320, 180);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 150_000);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const remote = { url, name: 'master.m3u8', size: 0 };
  const result = await checkSnapshotZip({
    testInfo,
    zipPath,
    suggestedFilename,
    sourceFile: source('lo'),
    offsets,
    width: 320,
    height: 180,
    remote,
  });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
  expect(result.manifest.source['variant']).toMatchObject({ index: 1, count: 2, bandwidth: 400_000, resolution: '320x180' });
  // Probe, preview, filmstrip and job: the high variant is never asked for.
  expect(served('ts', 'hi'), 'the other variant').toEqual([]);
});

test('a live playlist and one encrypted with a key the page cannot fetch: one sentence each, naming the URL', async ({ app }) => {
  const live = server.url('ok', 'hls/ts/live.m3u8');
  const encrypted = server.url('ok', 'hls/enc/lo.m3u8');
  await app.open();
  await app.openUrls([live, encrypted]);
  await expect(app.alerts.filter({ hasText: live })).toContainText(
    `${live} is a live HLS playlist (it has no #EXT-X-ENDLIST): only finished (VOD) playlists can be snapshotted.`,
  );
  await expect(app.alerts.filter({ hasText: encrypted })).toContainText(
    `${encrypted} is an encrypted HLS playlist (#EXT-X-KEY) whose key this page cannot fetch`,
  );
  // The key was asked for (and refused), no segment was read.
  expect(server.requests.some((r) => r.path.endsWith('/hls/enc/missing.key') && r.status === 404)).toBe(true);
  expect(served('enc', 'lo_'), 'segments of a stream that cannot be decrypted').toEqual([]);
  expect(served('ts', 'lo_'), 'segments of a live stream').toEqual([]);
});
