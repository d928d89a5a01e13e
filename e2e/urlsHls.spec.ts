/**
 * HLS VOD playlists at a URL (docs/URLS.md "HLS"), made at test time with Debian's ffmpeg (`-f hls`, 2 s segments):
 * two variants (640x360 and 320x180 of one testsrc2 picture, a keyframe every 2 s) cut into MPEG-TS segments under
 * a master playlist, the high one also into fragmented-MP4 segments, a live copy (no #EXT-X-ENDLIST) and an AES-128
 * copy whose key the server does not have. Served by the loopback server (another origin). Every image is compared
 * with native ffmpeg's frame of the variant's MP4 the segments were copied from; the manifest names the variant
 * read; the job's bytes are those of the segments holding the times; the other variant is never asked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { compareWithFrames, type FrameItem } from './support/frameMatch';
import { HLS_DIR as DIR, hlsSource as source, makeHlsStreams as makeStreams } from './support/hlsStreams';
import { decodeJpeg } from './support/images';
import { frameIndexAt, probeVideo } from './support/reference';
import { VideoServer } from './support/videoServer';
import { ZipArchive } from './support/zip';
import { serveToPageTests } from './support/pageServer';

test.describe.configure({ mode: 'serial' });

const server = new VideoServer(new Map(), new Map([['hls', DIR]]));
const segmentBytes = (sub: string, names: string[]) => names.reduce((sum, n) => sum + fs.statSync(path.join(DIR, sub, n)).size, 0);
const served = (sub: string, prefix: string) =>
  server.requests.filter((r) => r.method === 'GET' && r.path.includes(`/hls/${sub}/${prefix}`)).map((r) => r.path);

serveToPageTests(server, { prepare: makeStreams, timeoutMs: 120_000 });

/** Waits until the page has asked the server for nothing for a second (its preview and filmstrip are done reading). */
async function quiet(): Promise<void> {
  await expect
    .poll(
      async () => {
        const before = server.requests.length;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return server.requests.length - before;
      },
      { timeout: 60_000 },
    )
    .toBe(0);
}

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
    await quiet();
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
    const asked = server.requests.filter((r) => r.method === 'GET').map((r) => r.path.split('/').pop());
    testInfo.annotations.push({ type: 'requests during the job', description: asked.join(' ') });
    console.log(`requests during the job: ${asked.join(' ')}`);
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

test('a connection lost in the middle of a job: the images made before stay in the card and its zip, with one sentence naming the URL', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const url = server.url('late', 'hls/ts/hi.m3u8');
  // One job worker, so that the job asks for the playlist, then the segments in time order.
  await app.page.goto('/?workers=1');
  await app.openUrls([url]);
  await app.waitForProbe('hi.m3u8');
  // The preview and filmstrip are done reading before the job starts.
  await quiet();
  // Two times in the first segment, then one in each of the others.
  const offsets: OffsetCase[] = [0.5, 1, 2.5, 4.5, 6.5].map((s) => ({ text: `${s}s`, ms: s * 1000, why: 'segments in order' }));
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320, 180);
  server.reset();
  // The job's playlist and its first two segments are served; then the server is gone. (The decoder looks up the next
  // time's packet before it decodes a group of times, so the segment lost is the one after the last image made.)
  server.lateAfter = 3;
  const job = await app.createSnapshots();
  await job.waitForStatus('Failed', 150_000);
  await expect(job.alert).toHaveText(
    `The connection to ${url} was lost while reading the video, and 4 attempts failed. The images made before are kept; try the job again.`,
  );
  // Four attempts at one segment (Chromium itself may ask again once for a request on a reused connection).
  const lost = server.requests.filter((r) => r.status === -1);
  expect(lost.length).toBeGreaterThanOrEqual(4);
  expect(new Set(lost.map((r) => r.path)).size).toBe(1);
  // The card keeps them: "Show results" and its own "Download zip" (a failed job's zip holds the images it made).
  await expect(job.item.getByRole('button', { name: 'Show results of hi.m3u8' })).toBeVisible();
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    job.item.getByRole('button', { name: 'Download zip of hi.m3u8' }).click(),
  ]);
  const zipPath = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(zipPath);
  const zip = await ZipArchive.open(zipPath);
  // The first segment's images, each the frame of its time; none of the lost segments'.
  const made = zip.names.length;
  testInfo.annotations.push({ type: 'kept', description: `${made} of ${offsets.length} images: ${zip.names.join(', ')}` });
  expect(made).toBeGreaterThanOrEqual(2);
  expect(made).toBeLessThan(offsets.length);
  const ref = await probeVideo(source('hi'));
  const items: FrameItem[] = [];
  for (const name of zip.names) {
    const ms = Number(/_(\d{8})ms\.jpg$/.exec(name)?.[1]);
    expect(ms, name).toBeLessThan(4000);
    items.push({ label: name, image: decodeJpeg(await zip.bytes(name)), k: frameIndexAt(ref.frames, ms) });
  }
  const { problems } = await compareWithFrames(ref, items, { testInfo });
  expect(problems, problems.join('\n')).toEqual([]);
});
