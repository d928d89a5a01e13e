/**
 * Engine faults other than the ffmpeg.wasm crash (e2e/engine-crash.spec.ts), injected for real through the test
 * hooks of docs/TESTING.md:
 * - `?engineFault=webcodecs`: the browser's decoder fails on the job's first frame; the job falls back to ffmpeg.wasm,
 *   finishes with exact frames, and says which decoder made them (job card, manifest `decoder` and `notes`).
 * - `?engineFault=canvas`: the first canvas the job allocates is one the browser cannot hold; the job fails alone
 *   with a sentence naming the file, the size and what to do, and the next job succeeds.
 */
import { checkSnapshotZip } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

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
