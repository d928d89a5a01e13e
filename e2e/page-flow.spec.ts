/**
 * The page as a newcomer meets it, at a laptop size (1280x800) and a phone size (390x844), in light and dark: one path
 * from a video under a long file name to images in view. The first click on Create, with nothing typed, gives a
 * finished job (the default plan 10 %, 50 %, 90 %); its results are in the window when it ends; Create is in the first
 * screen at 1280x800; the times are checked as they are typed; every finished job card downloads its own zip; and in
 * every state (empty, loaded, running, results, sprite results, batch, dialog, More options, the presets dialog) the page does not scroll sideways and
 * axe-core finds no violation. A screenshot of each state is attached to the report (SNAPFRAME_PAGE_SHOTS=<folder>
 * saves them too). A keyboard-only run counts the Tab presses from page open to the first downloaded image.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { SnapframePage } from './support/app';
import { decodeJpeg } from './support/images';
import { MEDIA, mediaPath } from './support/media';
import { checkState } from './support/pageChecks';
import { ZipArchive } from './support/zip';

/** A file name as long as the ones phones and editors make. */
const LONG_NAME = 'Holiday_trip_to_the_seaside_with_the_whole_family_recorded_on_a_phone_2026-12-07_final_edit_version_3.mp4';
const SECOND_NAME = 'Second clip of the same afternoon, exported again without sound.webm';

test.use({ moreOptions: false });

/** Copies a test video under another name into the test's output folder. */
function renamed(testInfo: { outputPath: (name: string) => string }, source: string, name: string): string {
  const file = testInfo.outputPath(name);
  fs.copyFileSync(mediaPath(source), file);
  return file;
}

/** True when the element's box lies (at least partly, and its top) inside the window. */
async function inWindow(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight && box.bottom > 0;
  }, selector);
}

/** Downloads a job card's own zip and opens it. */
async function cardZip(app: SnapframePage, card: ReturnType<SnapframePage['jobsNamed']>, stamp: string): Promise<ZipArchive> {
  const button = card.getByRole('button', { name: /^Download zip of / });
  await expect(button).toBeEnabled({ timeout: 30_000 });
  const [download] = await Promise.all([app.page.waitForEvent('download'), button.click()]);
  const file = test.info().outputPath(`${stamp}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return ZipArchive.open(file);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${viewport.width}x${viewport.height} ${colorScheme}`, () => {
      test.use({ viewport, colorScheme });

      test('one path from a video to images in view, in every state without sideways scrolling or axe violations', async ({
        app,
        page,
      }, testInfo) => {
        test.setTimeout(360_000);
        const tag = `${viewport.width}x${viewport.height}-${colorScheme}`;
        const video = renamed(testInfo, MEDIA.flower, LONG_NAME);

        await app.open();
        await checkState(page, testInfo, `${tag}-1-empty`);

        await app.chooseFile(video);
        const details = await app.waitForProbe(LONG_NAME);
        await expect(app.createButton).toHaveText('Create 3 snapshots');
        await checkState(page, testInfo, `${tag}-2-loaded`);
        // At 1280x800 the whole path fits the first screen; on a phone Create stays in a bar at the bottom.
        const box = await app.createButton.boundingBox();
        expect(box, 'Create is shown').not.toBeNull();
        expect(box!.y + box!.height, `Create is in the first screen at ${viewport.width}x${viewport.height}`).toBeLessThanOrEqual(
          viewport.height,
        );
        expect(box!.y, 'Create is in the first screen').toBeGreaterThanOrEqual(0);

        // The first click, with nothing typed, makes a finished job.
        const first = await app.createSnapshots();
        if ((await first.status()) !== 'Finished') await checkState(page, testInfo, `${tag}-3-running`);
        await first.waitForStatus('Finished');
        await expect(app.snapshotItems).toHaveCount(3);
        await expect
          .poll(() => inWindow(page, '#results-heading'), { message: 'the results are in the window when the job ends' })
          .toBe(true);
        await expect(page.getByRole('heading', { name: /^Results: / })).toBeFocused();
        await checkState(page, testInfo, `${tag}-4-results`);

        // Its card downloads its own zip: three JPGs and the manifest.
        const firstZip = await cardZip(app, first.item, 'first');
        const jpgs = firstZip.names.filter((n) => n.endsWith('.jpg'));
        expect(jpgs).toHaveLength(3);
        expect(firstZip.names).toContain('manifest.json');
        expect(decodeJpeg(await firstZip.bytes(jpgs[0]!)).width).toBe(Number(details.Resolution!.split('×')[0]!.trim()));

        // Live validation names a time past the end, and explains bare numbers, before any click.
        await app.setOffsets('1s, 99:00, 1,5s, 2');
        const notes = page.getByRole('status', { name: 'Notes on the times' });
        await expect(notes).toContainText(`99:00 is past the end (${details.Duration})`);
        await expect(notes).toContainText('"1,5s": use a dot');
        await expect(notes).toContainText('2 is read as 2 milliseconds');
        await expect(app.createButton).toHaveText('Create snapshots');
        await app.setOffsets('1s, 3s');
        await expect(app.createButton).toHaveText('Create 2 snapshots');

        // Sprite sheet results: the sheet fits the window, its cells are one tab stop with arrow keys between them.
        await page.getByRole('radio', { name: 'Sprite sheet' }).check();
        await expect(app.createButton).toHaveText(/^Create \d+ sprite sheets?$/);
        const sprite = await app.createSnapshots();
        await sprite.waitForStatus('Finished');
        const cells = page.getByRole('img', { name: /^Cell \d+: / });
        await expect(cells.first()).toBeVisible();
        await expect.poll(() => inWindow(page, '#results-heading')).toBe(true);
        await checkState(page, testInfo, `${tag}-5-sprite-results`);
        expect(await page.locator('.sheet__cell[tabindex="0"]').count(), 'one tab stop per sheet').toBe(1);
        await cells.first().focus();
        await page.keyboard.press('ArrowRight');
        await expect(page.getByRole('img', { name: /^Cell 2: / })).toBeFocused();

        // Each finished card downloads its own zip: the sprite job's has its sheet, the first one's its snapshots.
        const spriteZip = await cardZip(app, sprite.item, 'sprite');
        expect(spriteZip.names.some((n) => /^sprite_\d+\.jpg$/.test(n))).toBe(true);
        expect(
          spriteZip.names.filter((n) => n.endsWith('.jpg') && !n.startsWith('sprite_')),
          'no snapshot of the other job',
        ).toEqual([]);

        // A second video: the batch of both, and its summary in the page.
        await app.chooseFile(renamed(testInfo, MEDIA.bunnyWebm, SECOND_NAME));
        await app.waitForProbe(SECOND_NAME);
        await page.getByRole('radio', { name: 'Time offsets' }).check();
        const batch = page.getByRole('button', { name: 'Create snapshots for 2 videos', exact: true });
        await batch.click();
        await expect(app.jobItems).toHaveCount(4);
        await expect
          .poll(async () => (await app.jobItems.allInnerTexts()).filter((t) => /\b(Finished|Failed|Cancelled)\b/.test(t)).length, {
            timeout: 180_000,
          })
          .toBe(4);
        // One toast for the batch, said again as each job ended, not one per job.
        const toastTexts = () => page.locator('.toast__text').allTextContents();
        await expect
          .poll(async () => (await toastTexts()).filter((t) => t.startsWith('All 2 jobs have ended')), {
            message: 'one toast for the batch',
          })
          .toHaveLength(1);
        const texts = await toastTexts();
        expect(
          texts.filter((t) => /^\d+ of 2 jobs ended/.test(t)),
          'no toast of the batch still under way',
        ).toEqual([]);
        expect(
          texts.filter((t) => t.startsWith(SECOND_NAME)),
          'no toast of its own for a job of the batch',
        ).toEqual([]);
        expect(texts.find((t) => t.startsWith('All 2 jobs'))).toMatch(/^All 2 jobs have ended: (\d+ failed, )?\d+ done\. Last: /);
        await checkState(page, testInfo, `${tag}-6-batch`);

        // A dialog: the confirmation of "Clear results".
        await page.getByRole('button', { name: 'Clear results' }).click();
        await expect(page.getByRole('group', { name: 'Confirm clearing results' })).toBeVisible();
        await checkState(page, testInfo, `${tag}-7-dialog`);
        await page.getByRole('button', { name: 'Keep them' }).click();

        // More options, open.
        await app.openMoreOptions();
        await checkState(page, testInfo, `${tag}-8-more-options`);

        // The presets row's "Manage presets" dialog, open.
        await page.getByRole('button', { name: 'Manage…', exact: true }).click();
        await expect(page.getByRole('dialog', { name: 'Manage presets' })).toBeVisible();
        await checkState(page, testInfo, `${tag}-9-presets-dialog`);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog', { name: 'Manage presets' })).toBeHidden();
      });
    });
  }
}

test.describe('keyboard only', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('sample video, default times, Create, download: the Tab presses are counted', async ({ app, page }, testInfo) => {
    test.setTimeout(180_000);
    await app.open();
    let tabs = 0;
    const log: string[] = [];
    /** Presses Tab until the focused element matches; returns its accessible text. */
    const tabTo = async (what: string, matches: () => boolean) => {
      for (let i = 0; i < 200; i += 1) {
        await page.keyboard.press('Tab');
        tabs += 1;
        if (await page.evaluate(matches)) {
          log.push(`${what}: ${tabs} Tab`);
          return;
        }
      }
      throw new Error(`Tab never reached ${what}`);
    };

    await tabTo('Try a sample video', () => document.activeElement?.textContent?.trim() === 'Try a sample video');
    await page.keyboard.press('Enter');
    await app.waitForProbe('sample.mp4');
    await tabTo('mode (Time offsets)', () => (document.activeElement as HTMLInputElement | null)?.name === 'mode');
    await tabTo('Time offsets (the default plan, kept)', () => document.activeElement?.id === 'offsets-text');
    await tabTo('Create', () => /^Create \d+ snapshots?$/.test(document.activeElement?.textContent?.trim() ?? ''));
    await page.keyboard.press('Enter');
    await expect(app.jobItems).toHaveCount(1);
    const job = app.jobItems.first();
    await expect(job).toContainText('Finished', { timeout: 120_000 });
    await expect(page.getByRole('heading', { name: /^Results: / })).toBeFocused();
    await tabTo('first image Download', () => (document.activeElement?.getAttribute('aria-label') ?? '').startsWith('Download sample_'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const saved = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(saved);
    expect(decodeJpeg(new Uint8Array(fs.readFileSync(saved))).width).toBeGreaterThan(0);
    const report = `${log.join('\n')}\nTotal: ${tabs} Tab, 3 Enter, nothing typed; first image: ${download.suggestedFilename()}`;
    await testInfo.attach('keyboard-count.txt', { body: report, contentType: 'text/plain' });
    console.log(report);
  });
});
