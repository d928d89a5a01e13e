/**
 * Many files and the job queue: three files chosen at once (two videos and a text file named .mp4) are
 * all listed, probed or refused; one click queues a job per ready video; cancelling the running job lets the next
 * one run and finish; Retry runs the cancelled one again; a batch whose settings do not fit one video skips it with
 * the reason; "Download all" packs a folder per job. Meanwhile the main thread is watched for long tasks (reported; a
 * task of a second, a frozen page, fails), the tab
 * title follows the queue, and the app's toasts and browser notifications are read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobHandle } from './support/app';
import { expect, test } from './support/fixtures';
import { decodeJpeg, looksLikeJpeg } from './support/images';
import { MEDIA, mediaPath } from './support/media';
import { installProbes, QueuePage, type LongTask } from './support/queue';
import { ZipArchive } from './support/zip';

const NOT_VIDEO = 'notes.mp4';
/** Every 160 ms from 0 to 4.64 s: within both videos (flower.mp4 lasts 5.06 s), 30 images each. */
const COUNT = 30;
const OFFSETS_MS = Array.from({ length: COUNT }, (_, i) => i * 160);
const WIDTH = 160;

// The long-task figure is about the app: Playwright's trace snapshotter walks the DOM on the page's main thread at
// every action, which would be counted too.
test.use({ trace: 'off' });

let dir = '';
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-queue-'));
  fs.writeFileSync(path.join(dir, NOT_VIDEO), 'Shopping list: milk, eggs, a better video.\n'.repeat(100));
});
test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The longest task that overlaps [from, to] (performance.now() ms), and how many there were. */
function longestIn(tasks: readonly LongTask[], from: number, to: number): { max: number; count: number } {
  const inside = tasks.filter((t) => t.start + t.duration >= from && t.start <= to);
  return { max: Math.max(0, ...inside.map((t) => t.duration)), count: inside.length };
}

test('three files at once, a batch, cancel while the queue goes on, retry, skip, download all', async ({ app, page }, testInfo) => {
  test.setTimeout(300_000);
  const q = new QueuePage(app);
  const bunny = MEDIA.bunnyWebm;
  const flower = MEDIA.flower;
  const note = (type: string, description: string) => {
    console.log(`${type}: ${description}`);
    testInfo.annotations.push({ type, description });
  };
  await installProbes(page);
  // The cancel step needs a job still running when it looks at the queue and clicks Cancel, on any machine: the 30
  // bunny frames take about a second through WebCodecs and 1.4 s through ffmpeg.wasm's decode runs (a CI run found
  // that job finished), so `?engineFault=slow` makes the first job wait 250 ms before each call to its workers
  // (docs/TESTING.md); the other jobs run at full speed, ffmpeg.wasm forced, on one job worker.
  await page.goto('/?engineFault=slow&decoder=ffmpeg&workers=1');
  await expect(app.dropZoneText).toBeVisible();

  await test.step('three files chosen at once are listed: two probed, one refused', async () => {
    await app.fileInput.setInputFiles([mediaPath(bunny), mediaPath(flower), path.join(dir, NOT_VIDEO)]);
    await expect(q.fileItems).toHaveCount(3);
    await expect(q.fileItem(bunny)).toContainText('320 × 180', { timeout: 90_000 });
    await expect(q.fileItem(flower)).toContainText('960 × 540', { timeout: 90_000 });
    await expect(q.fileItem(NOT_VIDEO)).not.toContainText('Reading', { timeout: 90_000 });
    const refused = (await q.fileItem(NOT_VIDEO).innerText()).trim();
    note('refused', refused);
    expect(refused).not.toMatch(/\d+ × \d+/);
    expect(refused.length, 'the file shows why it was refused').toBeGreaterThan(NOT_VIDEO.length + 30);
    // The first file is the current one; "Show" makes another current.
    expect((await app.waitForProbe(bunny))['Name']).toBe(bunny);
    await q.showButton(flower).click();
    expect((await app.waitForProbe(flower))['Name']).toBe(flower);
    await expect(q.batchButton(2)).toBeVisible();
    await q.removeButton(NOT_VIDEO).click();
    await expect(q.fileItems).toHaveCount(2);
  });

  await app.setOffsets(OFFSETS_MS.join(', '));
  await app.setSize(WIDTH);

  let bunnyJob!: JobHandle;
  let flowerJob!: JobHandle;
  const jobWindow = { from: 0, to: 0 };
  await test.step('one click queues a job per video; they run one after another', async () => {
    jobWindow.from = await q.now();
    const made = await q.newJobs(2, () => q.batchButton(2).click());
    // Newest first: the batch's last video on top; the queue runs them in file order.
    await expect(made[0]!.item).toContainText(flower);
    await expect(made[1]!.item).toContainText(bunny);
    [flowerJob, bunnyJob] = [made[0]!, made[1]!];
    await q.notifyButton.click();
    await expect(page.getByText('You will be notified when jobs finish.')).toBeVisible();
  });

  await test.step('cancel the running job: the next one runs and finishes', async () => {
    await bunnyJob.waitForStatus('Processing', 60_000);
    expect(await flowerJob.status()).toBe('Queued');
    await expect.poll(async () => (await bunnyJob.progress()).done, { timeout: 90_000, intervals: [100] }).toBeGreaterThanOrEqual(2);
    await expect(bunnyJob.item).toContainText(/about \d.* left/);
    await expect(page, 'the title shows the queue').toHaveTitle('(0/2) Snapframe');
    const at = await bunnyJob.progress();
    expect(at.done, 'still running when cancelled').toBeLessThan(at.total);
    await bunnyJob.cancelButton.click();
    await bunnyJob.waitForStatus('Cancelled', 5_000);
    await expect(q.toasts).toContainText(`${bunny} was cancelled.`);
    await expect(bunnyJob.item.getByRole('button', { name: 'Retry', exact: true })).toBeVisible();
    await flowerJob.waitForStatus('Finished', 150_000);
    await expect(q.toasts).toContainText(`${flower}: ${COUNT} snapshots ready.`);
    expect(await flowerJob.progress()).toEqual({ done: COUNT, total: COUNT });
    await expect(page.getByRole('heading', { name: `Results: ${flower}` })).toBeVisible();
    await expect(app.snapshotItems).toHaveCount(COUNT);
    await expect(page).toHaveTitle('✓ Snapframe');
    await expect(page, 'the plain title comes back').toHaveTitle('Snapframe', { timeout: 15_000 });
    const notes = await q.notifications();
    expect(notes.map((n) => n.body)).toEqual([`${flower}: ${COUNT} snapshots ready.`]);
  });

  await test.step('Retry runs the cancelled job again', async () => {
    const [again] = await q.newJobs(1, () => bunnyJob.item.getByRole('button', { name: 'Retry', exact: true }).click());
    await expect(again!.item).toContainText(bunny);
    await again!.waitForStatus('Finished', 120_000);
    expect(await again!.progress()).toEqual({ done: COUNT, total: COUNT });
    expect(await bunnyJob.status(), 'the cancelled job stays as it was').toBe('Cancelled');
  });

  await test.step('a batch skips the video its settings do not fit, naming the problem', async () => {
    await app.setOffsets('1s, 7s');
    const [only] = await q.newJobs(1, () => q.batchButton(2).click());
    const skipped = page.getByRole('alert').filter({ hasText: 'skipped' });
    await expect(skipped).toContainText(flower);
    await expect(skipped).toContainText('7s');
    note('skipped', (await skipped.innerText()).trim());
    await expect(only!.item).toContainText(bunny);
    await only!.waitForStatus('Finished', 90_000);
    jobWindow.to = await q.now();
  });

  const tasks = await q.longTasks();
  const during = longestIn(tasks, jobWindow.from, jobWindow.to);
  note(
    'long tasks',
    `${during.count} while jobs ran (${((jobWindow.to - jobWindow.from) / 1000).toFixed(1)} s), longest ${during.max.toFixed(0)} ms; ` +
      `whole page so far: ${tasks.length}, longest ${Math.max(0, ...tasks.map((t) => t.duration)).toFixed(0)} ms`,
  );
  for (const frame of (await q.longFrames()).filter((f) => f.start + f.duration >= jobWindow.from && f.start <= jobWindow.to)) {
    note(
      'long frame',
      `at +${((frame.start - jobWindow.from) / 1000).toFixed(1)} s: ${frame.duration.toFixed(0)} ms (render ${frame.render.toFixed(0)} ms) ${JSON.stringify(frame.scripts)}`,
    );
  }
  // The page must never freeze while jobs run; how close it stays to RAIL's 100 ms response budget is a figure (noted
  // above), not asserted: a timed bound measures the machine's load as much as the page (at load 19-27 the longest
  // task was 145-229 ms, both before and after the page redesign; docs/PAGE.md).
  expect(during.max, 'no main-thread task of a second or more while jobs run (a frozen page)').toBeLessThan(1000);

  await test.step('"Download all": a folder per job, each with its images and manifest.json', async () => {
    await expect(q.downloadAllButton).toBeEnabled();
    const [download] = await Promise.all([page.waitForEvent('download'), q.downloadAllButton.click()]);
    expect(download.suggestedFilename()).toBe('snapframe_snapshots.zip');
    const zipPath = testInfo.outputPath('snapframe_snapshots.zip');
    await download.saveAs(zipPath);
    const zip = await ZipArchive.open(zipPath);
    const folders = [...new Set(zip.names.map((n) => n.split('/')[0]))];
    expect(folders).toEqual(['flower', 'Big_Buck_Bunny_180_10s', 'Big_Buck_Bunny_180_10s (2)']);
    const expected = {
      flower: [flower, COUNT, 90],
      Big_Buck_Bunny_180_10s: [bunny, COUNT, 90],
      'Big_Buck_Bunny_180_10s (2)': [bunny, 2, 90],
    } as const;
    for (const folder of folders) {
      const [source, count, height] = expected[folder as keyof typeof expected];
      const manifest = JSON.parse(await zip.text(`${folder}/manifest.json`)) as {
        source: { name: string };
        files: { name: string; width: number; height: number }[];
      };
      expect(manifest.source.name).toBe(source);
      expect(manifest.files).toHaveLength(count);
      const images = zip.names.filter((n) => n.startsWith(`${folder}/`) && n.endsWith('.jpg'));
      expect(images.sort()).toEqual(manifest.files.map((f) => `${folder}/${f.name}`).sort());
      for (const name of images) {
        const bytes = await zip.bytes(name);
        expect(looksLikeJpeg(bytes), name).toBe(true);
        const img = decodeJpeg(bytes);
        expect([img.width, img.height], name).toEqual([WIDTH, height]);
      }
    }
  });

  const zipping = longestIn(await q.longTasks(), jobWindow.to, await q.now());
  note('long tasks', `while packing "Download all" (no job running): ${zipping.count}, longest ${zipping.max.toFixed(0)} ms`);
  note('titles', JSON.stringify(await q.titles()));
  const titles = await q.titles();
  expect(titles).toEqual(expect.arrayContaining(['(0/2) Snapframe', '(1/2) Snapframe', '✓ Snapframe', 'Snapframe']));
});
