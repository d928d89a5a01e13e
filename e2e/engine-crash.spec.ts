/**
 * An ffmpeg.wasm crash fails that one job with the engine's log tail, and the next job runs on a fresh engine.
 * A hung one (`?engineFault=hang`) is ended by its watchdog, with the same outcome.
 * `?engineFault=crash` makes the first job's first exec abort the wasm module for real (ffmpeg's mjpeg encoder on a
 * 4K frame: "RuntimeError: memory access out of bounds", docs/ENGINE.md "Measured facts"); see src/engine/protocol.ts.
 */
import { checkSnapshotZip } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

test('an engine crash fails one job with the log tail; the next job runs on a fresh engine', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const file = mediaPath(MEDIA.flower);
  await app.page.goto('/?engineFault=crash');
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  const offsets = [
    { text: '0.5s', ms: 500 },
    { text: '2.5s', ms: 2500 },
  ];
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320);

  const crashed = await app.createSnapshots();
  await crashed.waitForStatus('Failed', 60_000);
  const alert = (await crashed.alertTexts()).join('\n');
  expect(alert).toMatch(/crashed: RuntimeError: memory access out of bounds/);
  expect(alert).toMatch(/next one starts on a fresh engine/);
  await crashed.item.getByText('Engine log').click();
  await expect(crashed.item.locator('pre')).not.toBeEmpty();
  expect((await crashed.progress()).done).toBe(0);

  const next = await app.createSnapshots();
  await next.waitForStatus('Finished', 120_000);
  expect(await crashed.status(), 'the failed job stays failed').toBe('Failed');
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
});

test('a hung engine is ended by its watchdog: that job fails naming the file, the next job runs on a fresh engine', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const file = mediaPath(MEDIA.flower);
  // The next ffmpeg execution never ends (an endless lavfi source) and its watchdog is 3 s (src/engine/protocol.ts).
  await app.page.goto('/?engineFault=hang');
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  const offsets = [
    { text: '1s', ms: 1000 },
    { text: '4s', ms: 4000 },
  ];
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320);

  const hung = await app.createSnapshots();
  await hung.waitForStatus('Failed', 60_000);
  const alert = (await hung.alertTexts()).join('\n');
  expect(alert).toContain(MEDIA.flower);
  expect(alert).toMatch(/stopped responding for 3 s and was restarted/);

  const next = await app.createSnapshots();
  await next.waitForStatus('Finished', 120_000);
  expect(await hung.status(), 'the failed job stays failed').toBe('Failed');
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
});
