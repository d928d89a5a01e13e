/**
 * The video engine's first load: on a fresh
 * browser context the ~31 MB ffmpeg.wasm core downloads while the first file that needs it (bbb_2500ms.ts, MPEG-2:
 * neither mediabunny nor the browser reads it, so ffprobe probes it; a file the browser decodes never loads the core,
 * e2e/coreFree.spec.ts) is probed, and the page shows a
 * progressbar with bytes of total that grows and goes away once the engine is ready. The download is slowed with
 * Chromium's network throttling (CDP Network.emulateNetworkConditions) so that several values can be seen.
 * (The service worker is blocked there: it would precache the core first.) After the service worker has precached
 * the build, a new page loads the core from the cache: no progressbar.
 */
import type { Page } from '@playwright/test';
import { SnapframePage } from './support/app';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

/** Bytes per second for the throttled first visit: the 32 MB core takes about 6 s. */
const THROTTLE_BYTES_PER_SEC = 6 * 1024 * 1024;

/** Records, in the page, every state of any [role=progressbar] (aria-valuenow and text) until collected. */
async function watchProgressbars(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Array<{ now: string | null; text: string | null }> = [];
    (window as unknown as { __progressSeen: typeof seen }).__progressSeen = seen;
    const record = () => {
      for (const el of Array.from(document.querySelectorAll('[role="progressbar"][aria-label="Loading the video engine"]'))) {
        const entry = { now: el.getAttribute('aria-valuenow'), text: el.getAttribute('aria-valuetext') };
        const last = seen[seen.length - 1];
        if (!last || last.now !== entry.now) seen.push(entry);
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const progressSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __progressSeen: Array<{ now: string | null; text: string | null }> }).__progressSeen);

test.describe('without a service worker (the engine downloads the core itself)', () => {
  // The service worker precaches the core at full speed (page throttling does not reach it), so the engine would
  // find it in Cache Storage; blocking it makes the engine's own download the one that is shown.
  test.use({ serviceWorkers: 'block' });

  test('first visit: the engine download shows growing progress, then goes away', async ({ app, page, context }, testInfo) => {
    test.setTimeout(180_000);
    const video = mediaPath(MEDIA.mpeg2Ts);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: THROTTLE_BYTES_PER_SEC,
      uploadThroughput: -1,
    });

    const wasm: string[] = [];
    context.on('requestfinished', (request) => {
      if (!request.url().endsWith('.wasm')) return;
      void request.response().then(async (r) => {
        const sizes = await request.sizes();
        wasm.push(
          `${request.serviceWorker() ? 'service worker' : 'page/worker'}: ${r?.status()} fromSW=${r?.fromServiceWorker()} body ${sizes.responseBodySize} B`,
        );
      });
    });
    await app.open();
    await watchProgressbars(page);
    await app.chooseFile(video);
    const bar = page.getByRole('progressbar', { name: 'Loading the video engine' });
    await expect(bar, 'the download is shown while the core loads').toBeVisible({ timeout: 30_000 });
    await expect(bar).toHaveAttribute('aria-valuetext', /^Loading the video engine: \d+\.\d of \d+\.\d MB$/);
    await page.screenshot({ path: testInfo.outputPath('engine-load.png') });
    await app.waitForProbe(MEDIA.mpeg2Ts, 120_000);
    await expect(bar, 'the progressbar goes away once the engine is ready').toBeHidden();

    const seen = await progressSeen(page);
    testInfo.annotations.push({ type: 'progress', description: seen.map((s) => s.text).join(' | ') });
    // Playwright's contexts keep the HTTP cache in memory, too small for the core: FFmpeg.load() downloads it again
    // here. A normal profile answers it from the disk cache (a 304; see docs/ENGINE.md).
    testInfo.annotations.push({ type: 'core requests', description: wasm.join('; ') });
    const values = seen.map((s) => Number(s.now));
    expect(values.length, `several progress values were shown: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(3);
    expect(
      values.every((v, i) => i === 0 || v > values[i - 1]!),
      `values grow: ${values.join(', ')}`,
    ).toBe(true);
    const total = Number(/of (\d+\.\d) MB/.exec(seen[seen.length - 1]!.text ?? '')?.[1]);
    expect(total, 'the total is the core wasm, about 32 MB').toBeGreaterThan(25);
    expect(values[values.length - 1]!).toBeLessThanOrEqual(total);
  });
});

test('a core precached by the service worker loads with no progress shown', async ({ app, page, context }, testInfo) => {
  test.setTimeout(120_000);
  const video = mediaPath(MEDIA.mpeg2Ts);
  await app.open();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const second = await context.newPage();
  await second.goto('/');
  await expect.poll(() => second.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await second.evaluate(async () => (await caches.keys()).length), 'the build is precached').toBeGreaterThan(0);
  await watchProgressbars(second);
  const secondApp = new SnapframePage(second, testInfo);
  await secondApp.chooseFile(video);
  await secondApp.waitForProbe(MEDIA.mpeg2Ts);
  await expect(second.getByRole('status').filter({ hasText: 'Video engine ready' })).toHaveCount(0);
  expect(await progressSeen(second), 'a cached core shows no download').toEqual([]);
});
