/**
 * The preview: the browser's own player where it can play the file, a frame rendered by ffmpeg.wasm where it
 * cannot (Indeo AVI); "Add current time" adds the previewed time in both cases.
 */
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import { shownImage } from './support/shownImage';

test('a file the browser cannot play gets an ffmpeg.wasm preview frame at the chosen time', async ({ app, page }) => {
  await app.open();
  await app.chooseFile(mediaPath(MEDIA.indeoAvi));
  await app.waitForProbe(MEDIA.indeoAvi);
  const frame = page.getByRole('img', { name: /^Frame at / });
  await expect(frame).toBeVisible({ timeout: 30_000 });
  await expect(frame).toHaveAccessibleName('Frame at 0:00.000');
  const first = (await shownImage(frame)).checksum;

  // Five one-second steps on the timeline (Shift+Right).
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.focus();
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('Shift+ArrowRight');
  await expect(timeline).toHaveAttribute('aria-valuenow', '5000');
  // 5000 ms is frame 175 of this 35 fps file, at exactly 5.000 s.
  await expect(frame).toHaveAccessibleName('Frame at 0:05.000', { timeout: 30_000 });
  await expect.poll(async () => (await shownImage(frame)).checksum, { message: 'the picture changes' }).not.toBe(first);
  const shown = await shownImage(frame);
  expect([shown.width, shown.height]).toEqual([256, 240]);
  expect(shown.lumaStdDev, 'a picture, not a flat image').toBeGreaterThan(2);

  await app.addCurrentTimeButton.click();
  await expect(app.offsetsInput).toHaveValue('0:05.000');
});

test('a file the browser can play is previewed by the native player; Add current time takes its paused time', async ({ app, page }) => {
  await app.open();
  await app.trySample();
  await app.waitForProbe('sample.mp4');
  const video = page.locator('video');
  await expect(video).toBeVisible();
  await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        v.addEventListener('seeked', () => resolve(), { once: true });
        v.currentTime = 2.25;
      }),
  );
  await app.addCurrentTimeButton.click();
  await expect(app.offsetsInput).toHaveValue('0:02.250');
  expect(await video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
});
