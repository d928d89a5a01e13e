/**
 * The Content-Security-Policy (scripts/csp.ts): the served headers of the built
 * app, the meta copy for static hosts, and a whole session (load, sample video, probe, a job, zip download) that
 * raises no violation in the page, its workers or the service worker.
 */
import { CspWatcher, parsePolicy } from './support/csp';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import { ZipArchive } from './support/zip';

/**
 * The policy each directive must have: own origin only, plus blob:/data: where the app needs them, and any https: or
 * http: address for connect-src (the engine's range requests to a video at a URL the user gives: docs/URLS.md).
 */
const EXPECTED: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'", 'https:', 'http:'],
  'img-src': ['blob:', 'data:'],
  'media-src': ['blob:'],
  'style-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Sources that would let in inline or eval'd script, or other origins. */
const FORBIDDEN_SOURCE = /^('unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'strict-dynamic'|\*|https?:|wss?:|'nonce-.*|'sha\d+-.*)$/;

test.describe('served headers', () => {
  // The page, the engine workers, the core and the service worker: each file carries the policy (workers get
  // their policy from their own response, not from the page).
  test('every file of the build carries the CSP and cross-origin isolation headers', async ({ request }) => {
    const sw = await request.get('/sw.js');
    expect(sw.ok(), 'the build has a service worker').toBe(true);
    const files = JSON.parse(/\}\)\((\{[\s\S]*\})\);\s*$/.exec(await sw.text())?.[1] ?? '{}').files as string[];
    expect(files.some((f) => f.endsWith('.wasm'))).toBe(true);

    for (const file of ['./', ...files.filter((f) => f !== './'), 'sw.js']) {
      const response = await request.head(file === './' ? '/' : `/${file}`, { maxRedirects: 0 });
      expect(response.status(), file).toBe(200);
      const headers = response.headers();
      expect(headers['cross-origin-opener-policy'], file).toBe('same-origin');
      expect(headers['cross-origin-embedder-policy'], file).toBe('require-corp');
      const policy = parsePolicy(headers['content-security-policy'] ?? '');
      expect(Object.fromEntries(policy), `CSP of ${file}`).toEqual(EXPECTED);
    }
  });

  test('index.html holds the same policy as a meta tag, before any script, without frame-ancestors', async ({ request }) => {
    const response = await request.get('/');
    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta, 'index.html has a CSP meta tag').not.toBeNull();
    const expected = { ...EXPECTED };
    delete expected['frame-ancestors'];
    expect(Object.fromEntries(parsePolicy(meta![1]!))).toEqual(expected);
    expect(html.indexOf(meta![0]), 'the meta policy comes before every script and stylesheet').toBeLessThan(
      html.search(/<script|<link rel="stylesheet"/),
    );
    // No inline script at all: every <script> has a src.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [], 'inline scripts in index.html').toEqual([]);
  });

  test('no directive allows inline script, eval or another origin (but connect-src: a video at a URL the user gives)', async ({
    request,
  }) => {
    const header = (await request.get('/')).headers()['content-security-policy'] ?? '';
    for (const [name, sources] of parsePolicy(header)) {
      // Reading a user-given URL (docs/URLS.md) needs fetch() to any https:/http: host, and nothing else does.
      const allowed = name === 'connect-src' ? new Set(['https:', 'http:']) : new Set<string>();
      for (const source of sources) if (!allowed.has(source)) expect(source, `${name} ${source}`).not.toMatch(FORBIDDEN_SOURCE);
    }
  });
});

test('a whole session (sample, probe, job, zip, a file for ffmpeg.wasm) raises no CSP violation in the page or its workers', async ({
  app,
  page,
  context,
  network,
}, testInfo) => {
  const csp = await CspWatcher.attach(context);
  try {
    await app.open();
    await app.trySample();
    const details = await app.waitForProbe('sample.mp4');
    expect(details['Resolution']).toContain('640 × 360');

    const offsets = ['0', '2.5s', '50%'];
    await app.setOffsets(offsets.join(', '));
    await app.setSize(320);
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 90_000);
    // The results show the images (decoded from their Blobs into canvases; download links are blob: URLs).
    await expect(app.snapshotItems).toHaveCount(offsets.length);
    const image = app.snapshotItems.getByRole('img').first();
    await image.scrollIntoViewIfNeeded();
    await expect(image).toHaveAttribute('data-shown', 'true');
    // The zip is built and downloaded (frame accuracy is checked by network.spec.ts and snapshots.spec.ts).
    const { zipPath, suggestedFilename } = await app.downloadZip();
    expect(suggestedFilename).toBe('sample_snapshots.zip');
    const zip = await ZipArchive.open(zipPath);
    expect(zip.names.filter((n) => n.endsWith('.jpg'))).toEqual([
      'sample_00000000ms.jpg',
      'sample_00002500ms.jpg',
      expect.stringMatching(/^sample_\d{8}ms\.jpg$/),
    ]);
    expect((await zip.manifest()).files).toHaveLength(offsets.length);
    // The sample is probed and decoded without ffmpeg.wasm (mediabunny, WebCodecs); a file only ffmpeg.wasm reads
    // makes the preview engine load the core and compile it in ffmpeg.wasm's own worker, under the policy too.
    await app.chooseFile(mediaPath(MEDIA.mpeg2Ts));
    await app.waitForProbe(MEDIA.mpeg2Ts, 90_000);
    // Let the service worker finish precaching (it fetches the whole build): its requests are checked too.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  } finally {
    // Whatever failed first, the report shows the violations seen until then (a blocked engine fails its probe).
    await testInfo.attach('csp.txt', {
      body: `watched:\n${[...csp.watched].join('\n')}\n\nviolations:\n${csp.violations.join('\n')}`,
      contentType: 'text/plain',
    });
  }

  // The watcher must have seen the engine's workers (the page's engine workers and ffmpeg.wasm's own), or it
  // proves nothing for them.
  const workers = [...csp.watched].filter((w) => w.startsWith('worker '));
  expect(workers.length, `workers watched: ${workers.join(', ')}`).toBeGreaterThanOrEqual(2);
  expect(
    network.requests.some((r) => /\.wasm(\?|$)/.test(r.url)),
    'the ffmpeg core was loaded',
  ).toBe(true);
  expect(csp.violations).toEqual([]);
});

// A control: the watcher must see what it is meant to catch, in the page and inside a worker, or the session test
// above proves nothing.
test('the violation watcher sees a violation in the page and one in a worker', async ({ app, page, context, request, baseURL }) => {
  const csp = await CspWatcher.attach(context);
  await app.open();

  // In the page: an inline script is refused (Playwright's own evaluations are exempt from the CSP, their DOM
  // changes are not).
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
  });
  expect(ran, 'the inline script ran').toBe(false);
  await expect.poll(() => csp.violations.join('\n')).toMatch(/event: script-src(-elem)? blocked inline/);

  // In a worker: @ffmpeg/ffmpeg's worker asked to load its core from a data: URL, which script-src refuses.
  const swSource = await (await request.get('/sw.js')).text();
  const ffmpegWorker = /"(assets\/worker-[^"]+\.js)"/.exec(swSource)?.[1];
  expect(ffmpegWorker, "@ffmpeg/ffmpeg's worker in the build").toBeTruthy();
  const started = page.waitForEvent('worker', (w) => w.url().endsWith(ffmpegWorker!));
  await page.evaluate((url) => {
    (window as unknown as { testWorker: Worker }).testWorker = new Worker(`/${url}`, { type: 'module' });
  }, ffmpegWorker!);
  await started;
  await csp.settled();
  await page.evaluate(() => {
    const worker = (window as unknown as { testWorker: Worker }).testWorker;
    worker.postMessage({ id: 1, type: 'LOAD', data: { coreURL: 'data:text/javascript,export default null', wasmURL: 'x' } });
  });
  await expect
    .poll(() => csp.violations.join('\n'))
    .toMatch(new RegExp(`event: script-src(-elem)? blocked data .*in ${baseURL}/${ffmpegWorker!.replace('.', '\\.')}`));
});
