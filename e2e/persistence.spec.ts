/**
 * Results survive a reload: finished jobs come back with their images after a page reload (read from
 * IndexedDB), a job cut off by a reload comes back "Interrupted" and "Re-run" makes it again, and "Clear results"
 * deletes everything for good; sprite sheets and thumbnails.vtt come back byte for byte. Each Playwright test has
 * its own browser context, so its IndexedDB starts empty.
 */
import fs from 'node:fs';
import { checkSnapshotZip } from './support/accuracy';
import type { SnapframePage } from './support/app';
import { expect, test } from './support/fixtures';
import { SpecFormDriver } from './support/form';
import { shownImage } from './support/shownImage';
import { ZipArchive } from './support/zip';
import { MEDIA, mediaPath } from './support/media';

/** More times than one ffmpeg.wasm decode run holds (32, core/decode/decodeRuns.ts): the job is still running after its first images. */
const PAST_ONE_RUN = 48;
const offsetCases = (texts: string[]) =>
  texts.map((text) => ({ text, ms: text.endsWith('s') ? Number(text.slice(0, -1)) * 1000 : Number(text) }));

/** Reloads the page and waits for the app to be back. */
async function reload(app: SnapframePage): Promise<void> {
  await app.page.reload();
  await expect(app.dropZoneText).toBeVisible();
}

test('a finished job and its images are still there after a reload', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const file = mediaPath(MEDIA.flower);
  const offsets = offsetCases(['0', '1s', '2.5s']);
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished');
  await expect
    .poll(() => app.savedJobs(), { timeout: 15_000 })
    .toEqual([{ name: MEDIA.flower, status: 'finished', outputs: 3, input: false }]);

  await reload(app);
  const restored = app.jobsNamed(MEDIA.flower);
  await expect(restored).toHaveCount(1);
  await expect(restored).toContainText('Finished');
  await expect(restored).toContainText(`Finished: 3 snapshots of ${MEDIA.flower}`);
  await expect(app.page.getByText(/Results stored in this browser: [1-9]/)).toBeVisible();
  await expect(app.snapshotItems).toHaveCount(3);
  const image = await shownImage(app.snapshotItems.first().getByRole('img'));
  expect([image.width, image.height]).toEqual([320, 180]);
  expect(image.lumaStdDev, 'a picture, not a flat image').toBeGreaterThan(2);

  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
});

test('a job cut off by a reload shows "Interrupted", keeps what it made, and Re-run makes it all', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const file = mediaPath(MEDIA.mpeg2Ts);
  // MPEG-2 in TS decodes with ffmpeg.wasm, which decodes up to 32 nearby times in one run (core/decode/decodeRuns.ts):
  // 48 times make two runs, and the reload comes while the second one decodes (~1 s of 1080p MPEG-2 here).
  const offsets = offsetCases(Array.from({ length: PAST_ONE_RUN }, (_, i) => String(i * 50)));
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.mpeg2Ts);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320);
  const job = await app.createSnapshots();
  await job.waitForStatus('Processing', 60_000);
  await expect.poll(async () => (await app.savedJobs())[0]?.outputs ?? 0, { timeout: 90_000, intervals: [100] }).toBeGreaterThanOrEqual(1);
  const before = await job.progress();
  expect(before.done, 'the job must still be running at the reload').toBeLessThan(before.total);
  expect((await app.savedJobs())[0]?.input, 'the 1.9 MB video is saved while its job runs').toBe(true);

  await reload(app);
  const interrupted = app.jobsNamed(MEDIA.mpeg2Ts);
  await expect(interrupted).toHaveCount(1);
  await expect(interrupted).toContainText('Interrupted');
  await expect(interrupted.getByRole('status')).toContainText('interrupted by a page reload');
  const shown = await app.snapshotItems.count();
  expect(shown, 'the images made before the reload are shown').toBeGreaterThanOrEqual(1);
  expect(shown).toBeLessThan(offsets.length);
  const early = await shownImage(app.snapshotItems.first().getByRole('img'));
  expect([early.width, early.height]).toEqual([320, 180]);
  expect(early.lumaStdDev, 'a picture, not a flat image').toBeGreaterThan(2);

  await interrupted.getByRole('button', { name: 'Re-run' }).click();
  const rerun = app.jobsNamed(MEDIA.mpeg2Ts);
  await expect(rerun, 'the re-run replaces the interrupted job').toHaveCount(1);
  await expect(rerun).toContainText('Finished', { timeout: 180_000 });
  await expect(app.snapshotItems).toHaveCount(offsets.length);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({
    testInfo,
    zipPath,
    suggestedFilename,
    sourceFile: file,
    offsets,
    width: 320,
    height: 180,
    compare: (_file, i) => i % 5 === 0,
  });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
  await expect
    .poll(() => app.savedJobs(), { timeout: 15_000 })
    .toEqual([{ name: MEDIA.mpeg2Ts, status: 'finished', outputs: offsets.length, input: false }]);
});

test('"Clear results" empties the list, and nothing comes back after a reload', async ({ app }) => {
  test.setTimeout(180_000);
  await app.open();
  await app.chooseFile(mediaPath(MEDIA.bunnyWebm));
  await app.waitForProbe(MEDIA.bunnyWebm);
  await app.setOffsets('0, 1s');
  await app.setSize(160);
  await (await app.createSnapshots()).waitForStatus('Finished');
  await app.setOffsets('2s');
  await (await app.createSnapshots()).waitForStatus('Finished');
  await expect.poll(async () => (await app.savedJobs()).map((j) => j.status), { timeout: 15_000 }).toEqual(['finished', 'finished']);

  await app.page.getByRole('button', { name: 'Clear results' }).click();
  const confirm = app.page.getByRole('group', { name: 'Confirm clearing results' });
  await expect(confirm).toContainText('Delete all 2 jobs');
  // "Keep them" changes nothing.
  await confirm.getByRole('button', { name: 'Keep them' }).click();
  await expect(app.jobItems).toHaveCount(2);
  await app.page.getByRole('button', { name: 'Clear results' }).click();
  const clear = app.page.getByRole('button', { name: 'Clear 2 jobs' });
  await expect(clear).toBeFocused();
  await clear.click();
  await expect(app.jobItems).toHaveCount(0);
  await expect(app.snapshotsList).toHaveCount(0);
  await expect.poll(() => app.savedJobs()).toEqual([]);

  await reload(app);
  await app.page.waitForTimeout(1000);
  await expect(app.jobItems).toHaveCount(0);
  expect(await app.savedJobs()).toEqual([]);
});

/**
 * Makes `navigator.storage.estimate()` report a quota of `quotaBytes` with nothing used, before the app loads: the
 * app's quota rules (core/job/storedJobs.ts) then decide as on a nearly full disk. The real storage is untouched.
 */
async function fakeQuota(app: SnapframePage, quotaBytes: number): Promise<void> {
  await app.page.addInitScript((quota) => {
    navigator.storage.estimate = async () => ({ usage: 0, quota });
  }, quotaBytes);
}

test('a video too big to keep: Re-run asks for the file by name and refuses another one', async ({ app }) => {
  test.setTimeout(180_000);
  // bbb_2500ms.ts is 1.9 MB: more than half of the 80 % of a 4 MB quota, so it is not kept; its images fit.
  await fakeQuota(app, 4e6);
  const file = mediaPath(MEDIA.mpeg2Ts);
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.mpeg2Ts);
  await app.setOffsets(Array.from({ length: PAST_ONE_RUN }, (_, i) => String(i * 50)).join(', '));
  await app.setSize(160);
  const job = await app.createSnapshots();
  await job.waitForStatus('Processing', 60_000);
  await expect.poll(async () => (await app.savedJobs())[0]?.outputs ?? 0, { timeout: 90_000, intervals: [100] }).toBeGreaterThanOrEqual(1);
  expect((await app.savedJobs())[0]?.input, 'the video is not saved').toBe(false);

  await reload(app);
  const interrupted = app.jobsNamed(MEDIA.mpeg2Ts);
  await expect(interrupted).toContainText('Interrupted');
  await expect(interrupted.getByRole('status')).toContainText(`choose ${MEDIA.mpeg2Ts} again`);
  const rerun = interrupted.getByRole('button', { name: `Re-run: choose ${MEDIA.mpeg2Ts}` });

  const [wrong] = await Promise.all([app.page.waitForEvent('filechooser'), rerun.click()]);
  await wrong.setFiles(mediaPath(MEDIA.flower));
  await expect(interrupted.getByRole('alert')).toHaveText(
    `${MEDIA.flower} is not ${MEDIA.mpeg2Ts}: choose ${MEDIA.mpeg2Ts} (1915720 bytes) to re-run this job.`,
  );
  await expect(app.jobItems).toHaveCount(1);

  const [right] = await Promise.all([app.page.waitForEvent('filechooser'), rerun.click()]);
  await right.setFiles(file);
  const again = app.jobsNamed(MEDIA.mpeg2Ts);
  await expect(again).toHaveCount(1);
  await expect(again).toContainText('Finished', { timeout: 180_000 });
  await expect(app.snapshotItems).toHaveCount(PAST_ONE_RUN);
});

test('when the outputs do not fit the quota, the job runs and says its results will not survive a reload', async ({ app }) => {
  test.setTimeout(120_000);
  await fakeQuota(app, 1000);
  await app.open();
  await app.chooseFile(mediaPath(MEDIA.flower));
  await app.waitForProbe(MEDIA.flower);
  await app.setOffsets('0, 1s');
  await app.setSize(320);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished');
  await expect(job.item.getByRole('note')).toContainText("This job's results will not survive a page reload");
  await expect(job.item.getByRole('note')).toContainText('nearly full');
  await expect(app.snapshotItems).toHaveCount(2);
  await expect.poll(() => app.savedJobs()).toEqual([]);

  await reload(app);
  await app.page.waitForTimeout(1000);
  await expect(app.jobItems).toHaveCount(0);
});

test('sprite sheets and thumbnails.vtt come back after a reload, in the zip too', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.chooseFile(mediaPath(MEDIA.bunnyWebm));
  await app.waitForProbe(MEDIA.bunnyWebm);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await form.fill({ Start: '', 'Interval (s)': '0.5', Count: '', 'Cell width': '', 'Cell height': '' });
  await form.fill({ Columns: 5, Lines: 3, Padding: 2, Margin: 4, Background: 'white' });
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished');
  const before = await app.downloadZip();
  const zipBefore = await ZipArchive.open(before.zipPath);
  await expect
    .poll(() => app.savedJobs(), { timeout: 15_000 })
    .toEqual([
      // Two sheets, thumbnails.vtt and storyboard.json.
      { name: MEDIA.bunnyWebm, status: 'finished', outputs: 4, input: false },
    ]);

  await reload(app);
  await expect(app.jobsNamed(MEDIA.bunnyWebm)).toContainText(`Finished: 2 sprite sheets (20 cells) of ${MEDIA.bunnyWebm}`);
  // The last sheet holds only its line of cells: 2·4 + 90 px high.
  for (const [name, height] of [
    ['sprite_000.jpg', 282],
    ['sprite_001.jpg', 98],
  ] as const) {
    const img = page.getByRole('img', { name: `Sprite sheet ${name}`, exact: true });
    const shown = await shownImage(img);
    expect([shown.width, shown.height]).toEqual([816, height]);
    expect(shown.lumaStdDev).toBeGreaterThan(2);
  }
  await expect(page.getByLabel(/^Cell \d+: /)).toHaveCount(20);
  const [vtt] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'thumbnails.vtt', exact: true }).click()]);
  const vttText = await zipBefore.text('thumbnails.vtt');
  expect(vttText.startsWith('WEBVTT')).toBe(true);
  expect(fs.readFileSync(await vtt.path(), 'utf8'), 'the thumbnails.vtt link serves the saved file').toBe(vttText);
  const after = await ZipArchive.open((await app.downloadZip()).zipPath);
  expect([...after.names].sort()).toEqual([...zipBefore.names].sort());
  for (const name of zipBefore.names) {
    expect((await after.bytes(name)).equals(await zipBefore.bytes(name)), `${name} is the same after the reload`).toBe(true);
  }
});
