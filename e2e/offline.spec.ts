/**
 * Offline use: after one visit the service worker (sw.js, scripts/serviceWorker.ts) holds the whole
 * build, the ffmpeg core included, so with the network gone the app reloads and runs a job on a local file.
 * Every request of the offline visit must be answered by the service worker, and the service worker itself must
 * really be offline (Playwright's setOffline covers it; checked, or the test would prove nothing).
 */
import type { Page } from '@playwright/test';
import { checkSnapshotZip } from './support/accuracy';
import { CspWatcher } from './support/csp';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

/** The precache list and cache name of the active service worker, and what the cache holds. */
async function precacheState(page: Page): Promise<{ files: string[]; cached: string[]; cacheNames: string[] }> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const source = await (await fetch(registration.active!.scriptURL)).text();
    const manifest = JSON.parse(/\}\)\((\{[\s\S]*\})\);\s*$/.exec(source)![1]!) as { version: string; files: string[] };
    const cacheNames = await caches.keys();
    const cache = await caches.open(`snapframe-${manifest.version}`);
    const cached = (await cache.keys()).map((r) => r.url);
    return { files: manifest.files.map((f) => new URL(f, registration.active!.scriptURL).href), cached, cacheNames };
  });
}

test('after one visit the app reloads and runs a job offline', async ({ app, page, context, network, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const csp = await CspWatcher.attach(context);
  const flower = mediaPath(MEDIA.flower);
  const offsets = [
    { text: '0', ms: 0 },
    { text: '1.5s', ms: 1500 },
    { text: '4s', ms: 4000 },
  ];

  await test.step('first visit: the service worker installs and precaches the build', async () => {
    await app.open();
    // The worker activates only once every file of the build is in its cache.
    const state = await precacheState(page);
    await testInfo.attach('precache.txt', { body: state.files.join('\n'), contentType: 'text/plain' });
    expect(
      state.files.some((u) => u.endsWith('.wasm')),
      'the ffmpeg core wasm is precached',
    ).toBe(true);
    expect(state.cached.sort()).toEqual(state.files.sort());
    expect(state.cacheNames.filter((n) => n.startsWith('snapframe-'))).toHaveLength(1);
  });

  const offlineFrom = network.requests.length;
  const served: { url: string; fromServiceWorker: boolean; status: number }[] = [];
  page.on('response', (r) => served.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker(), status: r.status() }));

  await test.step('offline: the page reloads from the service worker', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect(app.dropZoneText).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is controlled by the service worker').toBe(
      true,
    );
    // Offline for real: the page's own fetches and the service worker's network fetches fail.
    const stamp = Date.now();
    expect(
      await page.evaluate(
        (s) =>
          fetch(`/offline-check-${s}`).then(
            () => 'online',
            () => 'offline',
          ),
        stamp,
      ),
    ).toBe('offline');
    const sw = context.serviceWorkers().find((w) => w.url().endsWith('/sw.js'));
    expect(sw, 'the service worker is known to Playwright').toBeTruthy();
    expect(
      await sw!.evaluate(
        (s) =>
          fetch(`/offline-check-sw-${s}`).then(
            () => 'online',
            () => 'offline',
          ),
        stamp,
      ),
    ).toBe('offline');
  });

  await test.step('offline: probe, job and zip of a local file', async () => {
    await app.chooseFile(flower);
    const details = await app.waitForProbe(MEDIA.flower);
    expect(details['Resolution']).toContain('960 × 540');
    await app.setOffsets(offsets.map((o) => o.text).join(', '));
    await app.setSize(320);
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 120_000);
    const { zipPath, suggestedFilename } = await app.downloadZip();
    const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: flower, offsets, width: 320, height: 180 });
    expect(result.problems, result.problems.join('\n')).toEqual([]);
  });

  await test.step('offline: the sample video comes from the cache too', async () => {
    await app.trySample();
    expect((await app.waitForProbe('sample.mp4'))['Resolution']).toContain('640 × 360');
  });

  await test.step('offline: a file only ffmpeg.wasm reads loads the core from the cache', async () => {
    // flower.mp4 and the sample never load the core (mediabunny probes them, WebCodecs decodes them); MPEG-2 does.
    await app.chooseFile(mediaPath(MEDIA.mpeg2Ts));
    expect((await app.waitForProbe(MEDIA.mpeg2Ts, 90_000))['Resolution']).toContain('1920 × 1080');
  });

  // Every http(s) response of the offline visit came from the service worker, the engine's core included.
  const origin = new URL(baseURL!).origin;
  const httpResponses = served.filter((r) => r.url.startsWith(origin));
  await testInfo.attach('offline-responses.txt', {
    body: httpResponses.map((r) => `${r.status} ${r.fromServiceWorker ? 'sw' : 'NETWORK'} ${r.url}`).join('\n'),
    contentType: 'text/plain',
  });
  expect(
    httpResponses.some((r) => r.url.endsWith('.wasm')),
    'the core wasm was loaded offline',
  ).toBe(true);
  expect(httpResponses.filter((r) => !r.fromServiceWorker || r.status !== 200).map((r) => `${r.status} ${r.url}`)).toEqual([]);
  expect(network.requests.length, 'requests were recorded offline').toBeGreaterThan(offlineFrom);
  expect(csp.violations).toEqual([]);
});
