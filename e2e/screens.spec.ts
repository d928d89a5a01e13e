/**
 * The main screens at 1280x720 (the smallest laptop screen we support), light and dark: nothing overflows
 * sideways, the preview, the timeline and the job form's first fields are on screen. Screenshots are attached to the
 * report (test-results/) for a person to look at.
 */
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`main screens fit a 1280x720 screen (${colorScheme})`, async ({ app, page }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme });
    const shot = async (name: string) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      await testInfo.attach(`${name}-${colorScheme}.png`, { body: await page.screenshot(), contentType: 'image/png' });
    };

    await app.open();
    await shot('empty');

    await app.chooseFile(mediaPath(MEDIA.flower));
    await app.waitForProbe(MEDIA.flower);
    await app.setOffsets('1s, 2.5s, 4s');
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await expect(timeline).toBeInViewport();
    await expect(page.getByRole('radio', { name: 'Time offsets' })).toBeInViewport();
    await shot('loaded');

    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 90_000);
    await app.snapshotsList.scrollIntoViewIfNeeded();
    await shot('results');
  });
}
