/**
 * No 32 MB download for videos the browser plays: a first visit that drops flower.mp4 (H.264, decoded by
 * WebCodecs), shows its details, its filmstrip and hover thumbnail, and makes snapshots of it fetches no byte of the
 * ffmpeg.wasm core from the page or its workers. The service worker's background precache for offline use does
 * fetch it (README "Privacy and offline") and is not counted: Playwright tells its requests apart
 * (`request.serviceWorker()`, e2e/support/network.ts `initiator`). The other test is the control: a file that needs
 * ffmpeg.wasm (bbb_2500ms.ts, MPEG-2) makes an engine worker fetch the core, and the recorder sees it.
 */
import type { Worker } from '@playwright/test';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import type { NetworkRecorder } from './support/network';

/** The core's files in the build: `ffmpeg-core-<hash>.js` and `ffmpeg-core-<hash>.wasm`. */
const CORE = /\/ffmpeg-core-[^/]*\.(js|wasm)(\?|$)/;

const coreRequests = (network: NetworkRecorder) => network.requests.filter((r) => CORE.test(r.url));
const engineCoreRequests = (network: NetworkRecorder) => coreRequests(network).filter((r) => r.initiator !== 'service worker');

/** ffmpeg/ffprobe executions in the page's workers (`snapframe:ffmpeg-exec` User Timing marks). */
async function execCount(workers: readonly Worker[]): Promise<number> {
  let total = 0;
  for (const worker of workers)
    total += await worker.evaluate(() => performance.getEntriesByName('snapframe:ffmpeg-exec').length).catch(() => 0);
  return total;
}

test('first visit: flower.mp4 probed, previewed and snapshotted without fetching the ffmpeg core', async ({
  app,
  page,
  network,
}, testInfo) => {
  test.setTimeout(120_000);
  const file = mediaPath(MEDIA.flower);
  await app.open();
  await app.chooseFile(file);
  const details = await app.waitForProbe(MEDIA.flower);
  expect(details['Codec']).toContain('h264');
  // The filmstrip (keyframe thumbnails) and the hover thumbnail go through the preview engine too.
  await expect(page.locator('.timeline__strip img').first()).toBeVisible({ timeout: 60_000 });
  const slider = page.getByRole('slider').first();
  const box = await slider.boundingBox();
  if (box) await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 4 });

  const offsets: OffsetCase[] = [
    { text: '0', ms: 0 },
    { text: '1.5s', ms: 1500 },
    { text: '4000', ms: 4000 },
  ];
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
  expect(result.manifest.decoder).toBe('webcodecs');

  const all = coreRequests(network);
  const line = all.map((r) => `${r.initiator}: ${r.url}`).join('; ') || 'none';
  console.log(`core requests: ${line}`);
  testInfo.annotations.push({ type: 'core requests', description: line });
  expect(engineCoreRequests(network), 'no ffmpeg core request from the page or its workers').toEqual([]);
  expect(await execCount(page.workers()), 'no ffmpeg/ffprobe execution in any worker').toBe(0);
});

test('control: bbb_2500ms.ts (MPEG-2) needs ffmpeg.wasm, and an engine worker fetches the core', async ({ app, network }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.chooseFile(mediaPath(MEDIA.mpeg2Ts));
  await app.waitForProbe(MEDIA.mpeg2Ts, 90_000);
  const requests = engineCoreRequests(network);
  expect(
    requests.some((r) => r.url.endsWith('.wasm')),
    'the core wasm, fetched outside the service worker',
  ).toBe(true);
});
