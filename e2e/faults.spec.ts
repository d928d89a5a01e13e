/**
 * Engine faults other than the ffmpeg.wasm crash (e2e/engine-crash.spec.ts), injected for real through the test
 * hooks of docs/TESTING.md:
 * - `?engineFault=webcodecs`: the browser's decoder fails on the job's first frame; the job falls back to ffmpeg.wasm,
 *   finishes with exact frames, and says which decoder made them (job card, manifest `decoder` and `notes`).
 * - `?engineFault=canvas`: the first canvas the job allocates is one the browser cannot hold; the job fails alone
 *   with a sentence naming the file, the size and what to do, and the next job succeeds.
 * - `?engineFault=stall`: lane 0 of a sprite job (which holds the open sheets) stalls on its second cell; the page's
 *   watchdog terminates its worker, and the job still finishes: that cell's time skipped with the reason, its cell
 *   background, every other cell in its sheet.
 */
import { checkSnapshotZip } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { SpecFormDriver } from './support/form';
import { crop } from './support/imageFormats';
import { decodeJpeg, isBlank } from './support/images';
import { MEDIA, mediaPath } from './support/media';
import { type AnyManifestFile } from './support/sprites';
import { ZipArchive } from './support/zip';

const offsets = [
  { text: '0.5s', ms: 500 },
  { text: '2.5s', ms: 2500 },
];

test('a WebCodecs decoder error falls back to ffmpeg.wasm: exact frames, and the job says which decoder made them', async ({
  app,
}, testInfo) => {
  test.setTimeout(120_000);
  const file = mediaPath(MEDIA.flower);
  await app.page.goto('/?engineFault=webcodecs');
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  await expect(job.item).toContainText('decoder: ffmpeg.wasm');
  await expect(
    job.item.getByRole('note').filter({ hasText: /^WebCodecs failed on flower\.mp4 at 500 ms/ }),
    'the card says why',
  ).toHaveCount(1);
  expect(await job.alertTexts(), 'a fallback is not a failure').toEqual([]);

  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
  expect(result.manifest.decoder).toBe('ffmpeg.wasm');
  const notes = result.manifest.notes as string[] | undefined;
  expect(notes, 'the manifest notes the fallback').toHaveLength(1);
  expect(notes?.[0]).toMatch(
    /^WebCodecs failed on flower\.mp4 at 500 ms \(Decoding error .*\); ffmpeg\.wasm decoded the rest of its frames\.$/,
  );
});

test('a canvas the browser cannot allocate fails that job with a sentence naming the file; the next job succeeds', async ({
  app,
}, testInfo) => {
  test.setTimeout(120_000);
  const file = mediaPath(MEDIA.flower);
  await app.page.goto('/?engineFault=canvas');
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320);

  const failed = await app.createSnapshots();
  const alert = failed.alert.filter({ hasText: MEDIA.flower });
  await expect(alert, 'the failure is announced within 10 s').toBeVisible({ timeout: 10_000 });
  const text = (await alert.first().innerText()).trim();
  testInfo.annotations.push({ type: 'canvas fault', description: text });
  expect(text).toContain('320x180 px picture is too large for this browser');
  expect(text).toMatch(/Choose a smaller width and height/);
  expect(text, 'a resource limit, not a crash report').not.toMatch(/crashed|unexpectedly|at \w+ \(/);
  expect(await failed.status()).toBe('Failed');

  const next = await app.createSnapshots();
  await next.waitForStatus('Finished', 90_000);
  expect(await failed.status(), 'the failed job stays failed').toBe('Failed');
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
});

test('a stall on the lane that holds the sprite sheets skips its cell alone: the sheets keep every other cell', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  await page.goto('/?engineFault=stall&workers=2');
  await app.chooseFile(mediaPath(MEDIA.bunnyWebm));
  await app.waitForProbe(MEDIA.bunnyWebm);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await form.fill({ Start: '0.5', 'Interval (s)': '1', Count: 8, 'Cell width': 160, 'Cell height': 90 });
  await form.fill({ Columns: 4, Lines: 2, Padding: 0, Margin: 0, Background: 'white' });
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 120_000);
  const alerts = (await job.alertTexts()).join('\n');
  testInfo.annotations.push({ type: 'stall fault', description: alerts });
  expect(alerts).toMatch(/No picture at \d:\d\d\.\d{3} in Big_Buck_Bunny_180_10s\.webm: the decoder produced nothing for \d+ s/);

  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  expect([...zip.names].filter((n) => n.startsWith('sprite_'))).toEqual(['sprite_000.jpg']);
  const manifest = JSON.parse(await zip.text('manifest.json')) as {
    skipped?: Array<{ requestedMs: number; reason: string }>;
    files: AnyManifestFile[];
  };
  expect(manifest.skipped).toHaveLength(1);
  const cells = manifest.files.find((f) => f.name === 'sprite_000.jpg')?.cells ?? [];
  expect(cells).toHaveLength(8);
  const stalled = cells.find((c) => c.requestedMs === manifest.skipped?.[0]?.requestedMs);
  expect(stalled?.actualMs, 'the stalled cell has no frame').toBeNull();
  const sheet = decodeJpeg(await zip.bytes('sprite_000.jpg'));
  expect([sheet.width, sheet.height]).toEqual([640, 180]);
  const blank = cells.map((c) => isBlank(crop(sheet, c.x + 2, c.y + 2, c.width - 4, c.height - 4)));
  expect(blank, `only the stalled cell ${stalled?.index} is background`).toEqual(cells.map((c) => c === stalled));
});
