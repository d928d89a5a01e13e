/**
 * The hybrid engine: files the browser decodes go through WebCodecs (mediabunny demuxing), the rest through
 * ffmpeg.wasm, and both paths give the same frame for the same time. The test media the browser decodes are run on
 * both paths by snapshots.spec.ts; here the one medium that spec does not take (flower.webm, VP8), with
 * `?decoder=webcodecs` (WebCodecs, no fallback) and `?decoder=ffmpeg` (ffmpeg.wasm forced), the two zips compared frame
 * by frame and each against native ffmpeg (support/decoderPaths.ts), and the automatic choice.
 */
import { expectSamePaths, runPathJob } from './support/decoderPaths';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import { offsetCasesFor } from './support/offsets';
import { probeVideo } from './support/reference';

test(`${MEDIA.flowerWebm}: WebCodecs and ffmpeg.wasm give the same frames`, async ({ app }, testInfo) => {
  test.setTimeout(300_000);
  const file = mediaPath(MEDIA.flowerWebm);
  const offsets = offsetCasesFor(await probeVideo(file), 10);
  const job = { file, name: MEDIA.flowerWebm, offsets, size: { width: 480, height: 270 }, expected: { width: 480, height: 270 } };
  const browser = await runPathJob(app, testInfo, 'webcodecs', job);
  const wasm = await runPathJob(app, testInfo, 'ffmpeg', job);
  await expectSamePaths(testInfo, `${MEDIA.flowerWebm} ${offsets.length} offsets at 480x270`, browser, wasm);
});

test('auto: WebCodecs for a file the browser decodes, ffmpeg.wasm for one it does not', async ({ app }) => {
  test.setTimeout(180_000);
  await app.open();
  for (const [file, want] of [
    [MEDIA.flower, 'decoder: browser (WebCodecs)'],
    [MEDIA.indeoAvi, 'decoder: ffmpeg.wasm'],
  ] as const) {
    await app.chooseFile(mediaPath(file));
    await app.waitForProbe(file);
    await app.setOffsets('1s, 2s');
    await app.setSize(160);
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 120_000);
    await expect(job.item.getByText(/decoder:/)).toContainText(want);
  }
});
