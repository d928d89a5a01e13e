/** Result images, sprite sheets and the engine preview are bitmaps in canvases with role img (src/lib/BitmapImage.tsx). */
import { expect, type Locator } from '@playwright/test';

/**
 * The picture a shown result image holds, read in the page once it is drawn (`data-shown`; images are decoded only
 * near the viewport, so it is scrolled into view first): its bitmap size in px, the standard deviation of its luma
 * (a blank or broken picture is flat) and a checksum of its pixels (to tell two pictures apart).
 */
export async function shownImage(image: Locator): Promise<{ width: number; height: number; lumaStdDev: number; checksum: number }> {
  await image.scrollIntoViewIfNeeded();
  await expect(image, 'the image is drawn').toHaveAttribute('data-shown', 'true', { timeout: 15_000 });
  return image.evaluate((el: HTMLCanvasElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = el.width;
    canvas.height = el.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(el, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const lumas: number[] = [];
    let checksum = 0;
    for (let i = 0; i < data.length; i += 4) {
      lumas.push(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
      checksum = (Math.imul(checksum, 31) + data[i]! + (data[i + 1]! << 8) + (data[i + 2]! << 16)) | 0;
    }
    const mean = lumas.reduce((a, b) => a + b, 0) / lumas.length;
    const sd = Math.sqrt(lumas.reduce((a, b) => a + (b - mean) ** 2, 0) / lumas.length);
    return { width: el.width, height: el.height, lumaStdDev: sd, checksum };
  });
}
