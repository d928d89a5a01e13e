/**
 * A long 1080p video at a URL (docs/URLS.md, "Only the bytes needed"): 2 minutes of H.264 1080p made at test time with
 * Debian's ffmpeg (testsrc2, a keyframe every 2 s, ~200 MB), served over loopback with ranges and CORS. Ten exact
 * snapshots spread over it must be native ffmpeg's frames while the job reads under 10 % of the file (and the server
 * sends under 15 % with the page's probe, preview and filmstrip); the same file from a server without range support is refused with the
 * sentence that states the whole-read limit.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WHOLE_READ_LIMIT_BYTES } from '../src/core/remote/readFailures';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { repoRoot } from './support/media';
import { VideoServer } from './support/videoServer';
import { serveToPageTests } from './support/pageServer';

const NAME = 'long1080p.mp4';
// One worker runs both tests: two workers would each make the 200 MB file at once (and did, renaming it from under
// each other in CI).
test.describe.configure({ mode: 'serial' });
const FILE = path.join(repoRoot, 'e2e', '.cache', NAME);

/** Makes the file once (cached in e2e/.cache; temp name + rename, so a reader never sees half of it): 120 s, 1920x1080, 25 fps, GOP 50, moov first. */
function makeLongFile(): void {
  if (fs.existsSync(FILE)) return;
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  const temp = `${FILE}.${process.pid}.part.mp4`;
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25', '-t', '120'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', temp],
  ]);
  fs.renameSync(temp, FILE);
}

const server = new VideoServer(new Map([[NAME, FILE]]));

serveToPageTests(server, { prepare: makeLongFile, timeoutMs: 300_000 });

test('10 exact snapshots spread over a 2-minute 1080p file at a URL: the job reads under 10 % of it', async ({ app }, testInfo) => {
  test.setTimeout(300_000);
  const size = fs.statSync(FILE).size;
  const offsets: OffsetCase[] = [5, 17.3, 29.9, 41.02, 55.5, 66.6, 78.1, 90.04, 101.5, 115.2].map((s) => ({
    text: `${s}s`,
    ms: Math.round(s * 1000),
    why: 'spread over the file',
  }));
  await app.open();
  await app.openUrls([server.url('ok', NAME)]);
  await app.waitForProbe(NAME, 120_000);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320, 180);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 240_000);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const url = server.url('ok', NAME);
  const remote = { url, name: NAME, size };
  const result = await checkSnapshotZip({
    testInfo,
    zipPath,
    suggestedFilename,
    sourceFile: FILE,
    offsets,
    width: 320,
    height: 180,
    remote,
  });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
  const { manifest } = result;
  const sent = server.bytesSent(NAME);
  const line = `${NAME} (${size} bytes): job read ${manifest.bytesRead} bytes; the server sent ${sent} (${((100 * sent) / size).toFixed(2)} %)`;
  console.log(line);
  testInfo.annotations.push({ type: 'bytes', description: line });
  expect(manifest.bytesRead).toBeGreaterThan(0);
  // The job's own reads stay under 10 % of the file. The page's probe, preview frame and filmstrip (keyframes across
  // the whole timeline) come on top: on this 2-minute file they bring the total to ~11.5 % (measured 23.4 MB of
  // 203.9 MB), so the total is held to 15 %. Each time costs the GOP up to it (2 s of 120 s at ~13.6 Mbit/s).
  expect(manifest.bytesRead!).toBeLessThan(size * 0.1);
  expect(sent).toBeLessThan(size * 0.15);
});

test('the same file from a server without range support is refused, with the whole-read limit', async ({ app }) => {
  const url = server.url('noranges', NAME);
  await app.open();
  await app.openUrls([url]);
  await expect(app.alerts.filter({ hasText: url })).toContainText(
    'cannot be read in parts: its server does not answer range requests (it sent the whole file for a part). Such a video is read whole only up to 64.0 MB',
  );
  // Refused early, never read whole: the server's count is what it wrote to the socket before Chromium cancelled the
  // body, and loopback buffers take tens of MB more under load (28 MB at load 19, 67 MB once at load 11, under 8 MB on
  // a quiet machine), so the bound is half the file, not a timing: a page that read the file whole would go past it.
  const size = fs.statSync(FILE).size;
  expect(size).toBeGreaterThan(2 * WHOLE_READ_LIMIT_BYTES);
  expect(server.bytesSent(NAME)).toBeLessThan(size / 2);
});
