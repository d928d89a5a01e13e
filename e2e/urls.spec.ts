/**
 * Videos at URLs (docs/URLS.md): a loopback server on 127.0.0.1 (another origin than the app) serves the test videos
 * with ranges and CORS, without ranges, without CORS, a 404, and a connection dropped mid-body. The page opens them
 * with "Open a URL"; every image is compared with native ffmpeg's frame of the same file on disk, the manifest gives
 * the bytes read, each failure is one sentence naming the URL, and the page talks to nobody but itself and that
 * server (the `network` fixture, told of the server's origin), sending no cookies.
 */
import fs from 'node:fs';
import { checkSnapshotZip } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import { offsetCasesFor } from './support/offsets';
import { probeVideo } from './support/reference';
import { VideoServer } from './support/videoServer';
import { ZipArchive } from './support/zip';
import { serveToPageTests } from './support/pageServer';

const server = new VideoServer(
  new Map([
    [MEDIA.flower, mediaPath(MEDIA.flower)],
    [MEDIA.mpeg2Ts, mediaPath(MEDIA.mpeg2Ts)],
  ]),
);

serveToPageTests(server);

for (const c of [
  { file: MEDIA.flower, width: 320, height: 180, decoder: 'browser (WebCodecs)' },
  { file: MEDIA.mpeg2Ts, width: 320, height: 180, decoder: 'ffmpeg.wasm' },
]) {
  test(`${c.file} at a URL: every snapshot is the frame of the file, read by range`, async ({ app }, testInfo) => {
    test.setTimeout(180_000);
    const file = mediaPath(c.file);
    const ref = await probeVideo(file);
    const offsets = offsetCasesFor(ref, 6);
    const url = server.url('ok', c.file);
    await app.open();
    await app.openUrls([url]);
    const details = await app.waitForProbe(c.file);
    expect(details['Name']).toBe(c.file);
    await app.setOffsets(offsets.map((o) => o.text).join(', '));
    await app.setSize(c.width, c.height);
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 150_000);
    await expect(job.item).toContainText(c.decoder);
    await expect(job.item).toContainText(`from ${url}`);
    const { zipPath, suggestedFilename } = await app.downloadZip();
    const result = await checkSnapshotZip({
      testInfo,
      zipPath,
      suggestedFilename,
      sourceFile: file,
      offsets,
      width: c.width,
      height: c.height,
      remote: { url, name: c.file, size: fs.statSync(file).size },
    });
    expect(result.problems, result.problems.join('\n')).toEqual([]);
    const line = `${c.file}: job read ${result.manifest.bytesRead} bytes; server sent ${server.bytesSent(c.file)} of ${fs.statSync(file).size} (probe and previews included)`;
    testInfo.annotations.push({ type: 'bytes', description: line });
    console.log(line);
    // Range requests only (the whole file is never asked for), with no cookie, from the app's origin.
    const gets = server.requests.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(0);
    for (const r of gets) {
      expect(r.range, `${r.path} asked for a range`).toMatch(/^bytes=\d+-\d+$/);
      expect(r.cookie).toBeNull();
    }
  });
}

test('each failure is one sentence naming the URL', async ({ app }) => {
  test.setTimeout(120_000);
  await app.open();
  const missing = server.url('missing', MEDIA.flower);
  const nocors = server.url('nocors', MEDIA.flower);
  await app.openUrls([missing, nocors, 'ftp://example.com/a.mp4']);
  await expect(app.alerts.filter({ hasText: missing })).toContainText('was not found on its server (HTTP 404)');
  await expect(app.alerts.filter({ hasText: nocors })).toContainText('does not allow other sites to read it');
  await expect(app.alerts.filter({ hasText: 'ftp://example.com/a.mp4' })).toContainText('only https:// and http://');
});

test('a server without range support: a small video is read whole, and the manifest says so', async ({ app }) => {
  test.setTimeout(120_000);
  const url = server.url('noranges', MEDIA.flower);
  await app.open();
  await app.openUrls([url]);
  await app.waitForProbe(MEDIA.flower);
  await app.setOffsets('1, 2');
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished');
  const { zipPath } = await app.downloadZip();
  const manifest = await (await ZipArchive.open(zipPath)).manifest();
  expect(manifest.notes?.join(' ')).toContain(`${url}: the server does not answer range requests, so the video`);
});

test('a connection dropped mid-body: retried, then one sentence naming the URL', async ({ app }) => {
  test.setTimeout(120_000);
  const url = server.url('drop', MEDIA.flower);
  await app.open();
  await app.openUrls([url]);
  // The first byte opens it; the probe's reads of more than 64 KiB are cut every time.
  await expect(app.alerts.filter({ hasText: url })).toContainText(
    `The connection to ${url} was lost while reading the video, and 4 attempts failed`,
    {
      timeout: 60_000,
    },
  );
  const cut = server.requests.filter((r) => r.method === 'GET' && r.range !== 'bytes=0-0');
  expect(cut.length).toBeGreaterThanOrEqual(4);
});
