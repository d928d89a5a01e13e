/**
 * Contact sheets and seek previews that a player reads: a person turns on "Header" and "Timestamps" in
 * Sprite sheet mode, reads the layout (the header band, the last sheet that holds only its line), makes two sheets,
 * and opens what comes out:
 * - the header band carries text in the shipped font on every sheet, the same on both; each cell's time is written in
 *   the chosen corner while the rest of the cell is still the exact frame;
 * - the manifest records the header's height and the lines of each sheet; thumbnails.vtt and storyboard.json (Mux's
 *   shape) point below the header, at the right pixels;
 * - media-chrome (a real player, from npm, served with the files from one origin of its own) is hovered at several
 *   times, and the preview it draws is, pixel for pixel, the cell of that time cut from the sheet.
 */
import { D0_MAX } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { SpecFormDriver } from './support/form';
import { compareWithFrames, type FrameItem } from './support/frameMatch';
import { crop, decodePng, regionStats } from './support/imageFormats';
import { decodeJpeg, meanAbsDiff, rgbImage, type RgbImage } from './support/images';
import { MEDIA, mediaPath } from './support/media';
import { servePlayer } from './support/playerPage';
import { frameIndexAt, probeVideo, referenceFrames } from './support/reference';
import { expectedSampleTimes } from './support/sampling';
import type { AnyManifestFile } from './support/sprites';
import { cueMs, readCuesInBrowser, spriteTarget } from './support/vttTrack';
import { ZipArchive } from './support/zip';
import fs from 'node:fs';

/** The header's height as docs/SPEC.md defines it, computed here independently: font = clamp(round(w / 80), 10, 28). */
function expectedHeaderHeight(sheetWidth: number): number {
  const font = Math.min(28, Math.max(10, Math.round(sheetWidth / 80)));
  return 2 * Math.round(font * 0.6) + 3 * Math.ceil(font * 1.4);
}

test('a contact sheet with header and timestamps on two sheets, read by media-chrome on its seek bar', async ({
  app,
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const file = mediaPath(MEDIA.bunnyWebm);
  const ref = await probeVideo(file);
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 1 });
  expect(times).toHaveLength(10);
  // 4 × 2 cells of 160 × 90, padding 2, margin 4: 654 px wide; 10 cells = 8 + 2 (the second sheet holds one line).
  const width = 2 * 4 + 4 * 160 + 3 * 2;
  const header = expectedHeaderHeight(width);
  const heights = [header + 8 + 2 * 90 + 2, header + 8 + 90];

  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.bunnyWebm);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await form.fill({
    'Interval (s)': '1',
    Count: '',
    'Cell width': '160',
    'Cell height': '90',
    Columns: 4,
    Lines: 2,
    Padding: 2,
    Margin: 4,
    Background: 'black',
  });
  await expect(form.select('Timestamp position'), 'the position waits for "Timestamps"').toBeDisabled();
  await form.setChecks({ Header: true, Timestamps: true, WebVTT: true });
  await expect(page.getByRole('checkbox', { name: 'Fixed sheet size', exact: true })).not.toBeChecked();
  await form.choose({ 'Timestamp position': 'top-left' });
  await expect(form.spriteLayout).toContainText(
    new RegExp(`2 sheets of ${width}\\s*[×x]\\s*${heights[0]}\\s*px; the last one ${width}\\s*[×x]\\s*${heights[1]}\\s*px`),
  );
  await expect(form.spriteLayout).toContainText(`a ${header} px header above them`);
  await expect(form.spriteLayout.getByRole('img')).toHaveCount(2);

  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 100_000);
  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  expect([...zip.names].sort()).toEqual(['manifest.json', 'sprite_000.jpg', 'sprite_001.jpg', 'storyboard.json', 'thumbnails.vtt']);
  const sheets = new Map<string, RgbImage>();
  for (const name of ['sprite_000.jpg', 'sprite_001.jpg'])
    await testInfo.attach(name, { body: await zip.bytes(name), contentType: 'image/jpeg' });
  for (const [k, name] of ['sprite_000.jpg', 'sprite_001.jpg'].entries()) {
    const img = decodeJpeg(await zip.bytes(name));
    expect([img.width, img.height], `${name}: ${k === 1 ? 'the last sheet holds only its line' : 'a full sheet'}`).toEqual([
      width,
      heights[k],
    ]);
    sheets.set(name, img);
  }

  // The manifest: the header's height and each sheet's lines; every cell below the header.
  const manifest = await zip.manifest();
  expect
    .soft((manifest.spec as Record<string, unknown>).sprite)
    .toMatchObject({ header: true, timestamps: true, timestampPosition: 'top-left', fixedSheetSize: false });
  const files = manifest.files as AnyManifestFile[];
  const sheetEntries = files.filter((f) => f.kind === 'sheet');
  expect(sheetEntries.map((s) => [s.name, s.width, s.height, s.headerHeight, s.lines])).toEqual([
    ['sprite_000.jpg', width, heights[0], header, 2],
    ['sprite_001.jpg', width, heights[1], header, 1],
  ]);
  for (const s of sheetEntries)
    for (const c of s.cells ?? []) expect.soft(c.y, `${s.name} cell ${c.index} below the header`).toBeGreaterThanOrEqual(header + 4);

  // The header band: text (light pixels on the black background) on both sheets, the same band on both.
  const bands = [...sheets.values()].map((img) => crop(img, 0, 0, width, header));
  for (const [k, band] of bands.entries()) {
    const light = regionStats(band, () => true).fractionAbove(128);
    testInfo.annotations.push({
      type: 'header',
      description: `sheet ${k}: ${(light * 100).toFixed(1)} % of the ${width}x${header} band is text`,
    });
    expect.soft(light, `sheet ${k}'s header holds text`).toBeGreaterThan(0.01);
    expect.soft(light, `sheet ${k}'s header is mostly background`).toBeLessThan(0.3);
  }
  expect.soft(meanAbsDiff(bands[0]!, bands[1]!), 'the same header on both sheets').toBeLessThan(1);

  // thumbnails.vtt (read by Chromium) and storyboard.json: the same cells, y including the header.
  const cues = await readCuesInBrowser(page, await zip.text('thumbnails.vtt'));
  expect(cues.map((c) => cueMs(c.startTime))).toEqual(times);
  const targets = cues.map((c) => spriteTarget(c.text)!);
  expect(targets[0]).toEqual({ sheet: 'sprite_000.jpg', x: 4, y: header + 4, width: 160, height: 90 });
  expect(targets[5]).toEqual({ sheet: 'sprite_000.jpg', x: 4 + 162, y: header + 4 + 92, width: 160, height: 90 });
  expect(targets[8]).toEqual({ sheet: 'sprite_001.jpg', x: 4, y: header + 4, width: 160, height: 90 });
  const storyboard = JSON.parse(await zip.text('storyboard.json')) as Array<{
    url: string;
    tile_width: number;
    tile_height: number;
    duration: number;
    tiles: { start: number; x: number; y: number }[];
  }>;
  expect(storyboard.map((b) => [b.url, b.tile_width, b.tile_height, b.duration, b.tiles.length])).toEqual([
    ['sprite_000.jpg', 160, 90, ref.durationMs / 1000, 8],
    ['sprite_001.jpg', 160, 90, ref.durationMs / 1000, 2],
  ]);
  const tiles = storyboard.flatMap((b) => b.tiles.map((t) => ({ sheet: b.url, ...t })));
  expect(tiles.map((t) => [t.sheet, Math.round(t.start * 1000), t.x, t.y])).toEqual(targets.map((t, k) => [t.sheet, times[k], t.x, t.y]));

  // Timestamps: a band with light text in the cell's top-left corner; the rest of the cell is the exact frame.
  const cells = targets.map((t) => crop(sheets.get(t.sheet)!, t.x, t.y, t.width, t.height));
  const refFrames = await referenceFrames(
    file,
    times.map((t) => frameIndexAt(ref.frames, t)),
    160,
    90,
  );
  const CORNER = { w: 48, h: 26 };
  const items: FrameItem[] = [];
  cells.forEach((cell, k) => {
    const corner = crop(cell, 4, 4, CORNER.w - 8, CORNER.h - 8);
    const light = regionStats(corner, () => true).fractionAbove(200);
    expect.soft(light, `cell ${k}: light text in its top-left corner`).toBeGreaterThan(0.03);
    const refCell = rgbImage(160, 90, refFrames.get(frameIndexAt(ref.frames, times[k]!))!);
    const refCorner = crop(refCell, 4, 4, CORNER.w - 8, CORNER.h - 8);
    expect.soft(meanAbsDiff(corner, refCorner), `cell ${k}: the corner is not the bare frame`).toBeGreaterThan(15);
    // Below the timestamp band, the cell is the frame of its time.
    items.push({
      label: `cell ${k} below the timestamp`,
      image: crop(cell, 0, CORNER.h, 160, 90 - CORNER.h),
      k: frameIndexAt(ref.frames, times[k]!),
    });
  });
  const below = await Promise.all(
    items.map(async (item) => {
      const full = rgbImage(160, 90, refFrames.get(item.k)!);
      return meanAbsDiff(item.image, crop(full, 0, CORNER.h, 160, 90 - CORNER.h));
    }),
  );
  below.forEach((d, k) => expect.soft(d, `cell ${k} below the timestamp vs native ffmpeg's frame`).toBeLessThan(D0_MAX));
  // And the whole cell without its corner is still frame k, not a neighbour (frameMatch on full frames, corner masked).
  const masked: FrameItem[] = cells.map((cell, k) => ({
    label: `cell ${k}`,
    image: maskCorner(cell, CORNER, refFrames.get(frameIndexAt(ref.frames, times[k]!))!),
    k: frameIndexAt(ref.frames, times[k]!),
  }));
  const matched = await compareWithFrames(ref, masked, { testInfo, name: 'contact-cells' });
  expect(matched.problems, matched.problems.join('\n')).toEqual([]);

  // A real player: media-chrome reads thumbnails.vtt and draws the cell of the hovered time.
  const served = new Map<string, Uint8Array>([[MEDIA.bunnyWebm, fs.readFileSync(file)]]);
  for (const name of ['thumbnails.vtt', 'sprite_000.jpg', 'sprite_001.jpg']) served.set(name, await zip.bytes(name));
  const player = await servePlayer(MEDIA.bunnyWebm, served, { width: 160, height: 90 });
  const context = await browser.newContext({ viewport: { width: 840, height: 700 }, deviceScaleFactor: 1 });
  try {
    const view = await context.newPage();
    await view.goto(player.url);
    await view.waitForFunction(
      () => {
        const video = document.querySelector('video');
        return !!video && video.readyState >= 1 && Number.isFinite(video.duration) && video.textTracks[0]?.cues?.length;
      },
      null,
      { timeout: 30_000 },
    );
    const range = view.locator('media-time-range');
    const thumb = view.locator('media-time-range media-preview-thumbnail');
    const box = (await range.boundingBox())!;
    const rows: string[] = [];
    const shownCells = new Set<number>();
    for (const fraction of [0.05, 0.33, 0.58, 0.85, 0.97]) {
      await view.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
      // Wait for the preview of this position: media-chrome sets the preview time and the cell's coordinates.
      let previewSec = NaN;
      await expect
        .poll(
          async () => {
            const time = await range.getAttribute('mediapreviewtime');
            const coords = await thumb.getAttribute('mediapreviewcoords');
            previewSec = time === null ? NaN : Number(time);
            return coords !== null && Number.isFinite(previewSec) && Math.abs(previewSec - (fraction * ref.durationMs) / 1000) < 0.5;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await view.waitForTimeout(300);
      const k = cues.findIndex((c) => previewSec >= c.startTime && previewSec < c.endTime);
      expect(k, `a cue covers the preview time ${previewSec} s`).toBeGreaterThanOrEqual(0);
      const shot = decodePng(await thumb.screenshot());
      expect([shot.width, shot.height], 'the preview is drawn 1:1').toEqual([160, 90]);
      const dWanted = meanAbsDiff(shot, cells[k]!);
      const dOthers = cells.map((c, j) => (j === k ? Infinity : meanAbsDiff(shot, c)));
      const nearestOther = Math.min(...dOthers);
      rows.push(
        `hover ${(fraction * 100).toFixed(0)} % -> ${previewSec.toFixed(2)} s: cue ${k} (${targets[k]!.sheet}), diff ${dWanted.toFixed(2)}, nearest other cell ${nearestOther.toFixed(2)}`,
      );
      expect.soft(dWanted, `preview at ${previewSec} s is cell ${k}`).toBeLessThan(3);
      expect.soft(nearestOther, `preview at ${previewSec} s is no other cell`).toBeGreaterThan(dWanted * 2);
      shownCells.add(k);
    }
    testInfo.annotations.push({ type: 'player', description: rows.join('; ') });
    console.log(rows.join('\n'));
    expect(
      [...shownCells].some((k) => targets[k]!.sheet === 'sprite_001.jpg'),
      'the second sheet was shown too',
    ).toBe(true);
    expect(shownCells.size, 'five different cells').toBe(5);
  } finally {
    await context.close();
    await player.close();
  }
});

/** The cell with its timestamp corner replaced by the reference frame's pixels (so only the rest is judged). */
function maskCorner(cell: RgbImage, corner: { w: number; h: number }, reference: Uint8Array): RgbImage {
  const data = Uint8Array.from(cell.data);
  for (let y = 0; y < corner.h; y++) {
    for (let x = 0; x < corner.w; x++) {
      const i = (y * cell.width + x) * 3;
      data[i] = reference[i]!;
      data[i + 1] = reference[i + 1]!;
      data[i + 2] = reference[i + 2]!;
    }
  }
  return rgbImage(cell.width, cell.height, data);
}

test('"Fixed sheet size" keeps every sheet columns × lines', async ({ app, page }) => {
  const file = mediaPath(MEDIA.flower);
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  const form = new SpecFormDriver(page);
  // "Player seek previews" on the 5-second flower.mp4: 3 cells.
  await page.getByRole('combobox', { name: 'Preset', exact: true }).selectOption({ label: 'Player seek previews' });
  await expect(form.mode('Sprite sheet')).toBeChecked();
  await expect(form.spriteLayout).toContainText(/1 sheet of 1600\s*[×x]\s*90\s*px \(1 of 10 lines used/);
  await form.setChecks({ 'Fixed sheet size': true });
  await expect(form.spriteLayout).toContainText(/1 sheet of 1600\s*[×x]\s*900\s*px \(fixed sheet size/);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 100_000);
  const zip = await ZipArchive.open((await app.downloadZip()).zipPath);
  const sheet = decodeJpeg(await zip.bytes('sprite_000.jpg'));
  expect([sheet.width, sheet.height]).toEqual([1600, 900]);
  const entry = ((await zip.manifest()).files as AnyManifestFile[]).find((f) => f.kind === 'sheet')!;
  expect([entry.height, entry.lines, entry.headerHeight]).toEqual([900, 10, 0]);
  expect(((await zip.manifest()).spec as Record<string, unknown>).sprite).toMatchObject({ fixedSheetSize: true });
});
