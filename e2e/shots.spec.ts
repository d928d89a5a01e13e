/**
 * Mode "Shots": a video concatenated at test time from five shared clips gives its four cuts at
 * the exact frames (the first frame of each new shot, by pts) and no other, on both decoders; a slow fade gives no
 * cut at the default threshold. The cuts are ticked on the timeline, turn into time offsets with a button, give one
 * exact image per shot, or a contact sheet. Native ffmpeg's `scdet` runs on the same files and any difference is
 * reported (test attachment and log), not asserted.
 */
import type { Page } from '@playwright/test';
import { D0_MAX } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { decodeJpeg, meanAbsDiff, rgbImage } from './support/images';
import { concatenatedClip, nativeScdet, slowFadeClip } from './support/madeClips';
import { frameIndexAt, probeVideo, referenceFrameRGB } from './support/reference';
import { ZipArchive } from './support/zip';

const cutsText = (page: Page) => page.getByLabel('Cuts', { exact: true });

async function findCuts(page: Page): Promise<string> {
  await page.getByRole('radio', { name: 'Shots', exact: true }).check();
  await page.getByRole('button', { name: 'Find cuts' }).click();
  await expect(cutsText(page)).toBeVisible({ timeout: 120_000 });
  return (await cutsText(page).innerText()).replace(/\s+/g, ' ').trim();
}

/** Cut times (ms) read from the timeline's cut ticks. */
async function tickTimes(page: Page): Promise<number[]> {
  return page.locator('.timeline__tick--cut').evaluateAll((ticks) => ticks.map((t) => Number(t.getAttribute('data-ms'))));
}

for (const decoder of ['webcodecs', 'ffmpeg'] as const) {
  test(`five concatenated clips, ${decoder}: four cuts at the exact frames, one exact image per shot`, async ({ app }, testInfo) => {
    test.setTimeout(300_000);
    const { file, cutFrames } = concatenatedClip();
    const ref = await probeVideo(file);
    const expectedCuts = cutFrames.map((i) => ref.frames[i]!);
    const scdet = nativeScdet(file).map((s) => s * 1000);

    await app.page.goto(`/?decoder=${decoder}`);
    await app.chooseFile(file);
    await app.waitForProbe('five-shots.mp4');
    await app.setSize(320, 180);
    const shown = await findCuts(app.page);
    expect(shown).toMatch(/^4 cuts, 5 shots: 0:01\.500, 0:02\.500, 0:04\.000, 0:05\.000$/);
    const ticks = await tickTimes(app.page);
    expect(ticks.length).toBe(4);
    ticks.forEach((ms, i) => expect(Math.abs(ms - expectedCuts[i]!)).toBeLessThan(0.01));

    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 200_000);
    const { zipPath } = await app.downloadZip();
    const zip = await ZipArchive.open(zipPath);
    const manifest = await zip.manifest();
    expect(manifest.decoder).toBe(decoder === 'ffmpeg' ? 'ffmpeg.wasm' : 'webcodecs');
    const shots = manifest.shots as { cutsMs: number[]; shots: Array<{ startMs: number; endMs: number; timeMs: number }> };
    // Exact: each cut is the pts of the first frame of its shot.
    expect(shots.cutsMs.map((ms) => frameIndexAt(ref.frames, ms))).toEqual(cutFrames);
    shots.cutsMs.forEach((ms, i) => expect(Math.abs(ms - expectedCuts[i]!)).toBeLessThan(0.01));
    expect(shots.shots.map((s) => s.timeMs)).toEqual([500, 2000, 3000, 4500, 5500]);
    expect(manifest.files.filter((f) => f.kind === 'snapshot').length).toBe(5);
    for (const entry of manifest.files) {
      const index = frameIndexAt(ref.frames, entry.requestedMs);
      expect(Math.abs(entry.actualMs - ref.frames[index]!)).toBeLessThan(1);
      const native = rgbImage(320, 180, new Uint8Array(await referenceFrameRGB(file, index, 320, 180)));
      expect(meanAbsDiff(decodeJpeg(await zip.bytes(entry.name)), native), entry.name).toBeLessThan(D0_MAX);
    }

    const report = [
      `expected cuts (ms): ${expectedCuts.join(', ')}`,
      `Snapframe (${decoder}): ${shots.cutsMs.join(', ')}`,
      `native scdet (threshold 10): ${scdet.map((ms) => ms.toFixed(3)).join(', ')}`,
      `scdet differs at: ${
        scdet
          .filter((ms) => !shots.cutsMs.some((c) => Math.abs(c - ms) < 1))
          .concat(shots.cutsMs.filter((c) => !scdet.some((ms) => Math.abs(c - ms) < 1)))
          .join(', ') || 'nowhere'
      }`,
    ].join('\n');
    await testInfo.attach('cuts.txt', { body: report, contentType: 'text/plain' });
    console.log(`shots ${decoder}:\n  ${report.replace(/\n/g, '\n  ')}`);

    if (decoder === 'webcodecs') {
      // A contact sheet of the shots: one sheet, five cells at the shots' times.
      await app.page.getByRole('checkbox', { name: /^Contact sheet/ }).check();
      await app.page.getByRole('textbox', { name: 'Columns', exact: true }).fill('5');
      await app.page.getByRole('textbox', { name: 'Rows', exact: true }).fill('1');
      await app.page.getByRole('textbox', { name: 'Cell width', exact: true }).fill('160');
      const sheetJob = await app.createSnapshots();
      await sheetJob.waitForStatus('Finished', 120_000);
      const sheetZip = await ZipArchive.open((await app.downloadZip()).zipPath);
      const sheetManifest = await sheetZip.manifest();
      const sheets = sheetManifest.files.filter((f) => f.kind === 'sheet') as unknown as Array<{ cells: Array<{ requestedMs: number }> }>;
      expect(sheets.length).toBe(1);
      expect(sheets[0]!.cells.map((c) => c.requestedMs)).toEqual([500, 2000, 3000, 4500, 5500]);

      // The shots become time offsets to edit by hand.
      await app.page.getByRole('checkbox', { name: /^Contact sheet/ }).uncheck();
      await app.page.getByRole('button', { name: 'Use as time offsets' }).click();
      await expect(app.page.getByRole('radio', { name: 'Time offsets', exact: true })).toBeChecked();
      await expect(app.offsetsInput).toHaveValue('0:00.500, 0:02.000, 0:03.000, 0:04.500, 0:05.500');
    }
  });
}

test('a slow fade gives no cut at the default threshold (nor does scdet)', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const file = slowFadeClip();
  const scdet = nativeScdet(file);
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe('slow-fade.mp4');
  expect(await findCuts(app.page)).toMatch(/^0 cuts, 1 shot:/);
  expect(await tickTimes(app.page)).toEqual([]);
  // A threshold low enough to call the fade's steps cuts shows them: the threshold is live.
  await app.page.getByRole('textbox', { name: 'Cut threshold', exact: true }).fill('0.3');
  await expect(cutsText(app.page)).not.toHaveText(/^0 cuts/);
  await testInfo.attach('scdet.txt', { body: `native scdet cuts on the fade: ${JSON.stringify(scdet)}`, contentType: 'text/plain' });
  expect(scdet).toEqual([]);
});
