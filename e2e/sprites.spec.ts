/**
 * Sprite sheets (docs/SPEC.md "Sprite sheets"): a person switches to "Sprite sheet", sets the grid, reads the
 * layout before anything is decoded, creates the job, downloads the zip and opens what comes out.
 * - thumbnails.vtt is read back by Chromium's own WebVTT parser (a `<track kind="metadata">` and the TextTrack API),
 *   as seek-preview players read it;
 * - every cell, cut out of its sheet at the cue's `#xywh`, is the frame native ffmpeg gives at the cue's start;
 * - padding and margin are the background colour; the manifest's cells agree with the VTT;
 * - kept cells are the same pictures as their places on the sheet;
 * - a layout that cannot be made is refused before any job exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { D0_MAX } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { SpecFormDriver, uiTime } from './support/form';
import { compareWithFrames, type FrameItem } from './support/frameMatch';
import { crop, regionStats } from './support/imageFormats';
import { decodeJpeg, looksLikeJpeg, meanAbsDiff, type RgbImage } from './support/images';
import { baseName, MEDIA, mediaPath } from './support/media';
import { frameIndexAt, probeVideo } from './support/reference';
import { expectedSampleTimes } from './support/sampling';
import { cellFileName, expectedCells, expectedSheetSize, slotRects, type AnyManifestFile, type SpriteGrid } from './support/sprites';
import { shownImage } from './support/shownImage';
import { cueMs, readCuesInBrowser, spriteTarget } from './support/vttTrack';
import { ZipArchive } from './support/zip';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const log = (testInfo: { annotations: Array<{ type: string; description?: string }> }, type: string, line: string) => {
  console.log(`${type}: ${line}`);
  testInfo.annotations.push({ type, description: line });
};

test('sprite sheets of a VP9 file: layout, WebVTT read by Chromium, every cell the frame at its cue', async ({ app, page }, testInfo) => {
  const file = mediaPath(MEDIA.bunnyWebm);
  const ref = await probeVideo(file);
  expect(ref.displayWidth / ref.displayHeight, '320x180: 160x90 cells keep the aspect').toBeCloseTo(16 / 9, 5);
  const grid: SpriteGrid = { cellWidth: 160, cellHeight: 90, columns: 5, lines: 3, padding: 2, margin: 4 };
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 0.5 });
  expect(times.length, 'every 0.5 s of 10 s').toBe(20);
  const cells = expectedCells(grid, times.length);
  const size = expectedSheetSize(grid);
  expect(size).toEqual({ width: 816, height: 282 });

  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.bunnyWebm);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await expect(form.textbox('Width'), 'sprite mode sizes cells, not images').toBeHidden();
  // Cell width/height left empty: 160 and the height from the aspect ratio.
  await form.fill({ Start: '', 'Interval (s)': '0.5', Count: '', 'Cell width': '', 'Cell height': '' });
  await form.fill({ Columns: 5, Lines: 3, Padding: 2, Margin: 4, Background: 'white' });
  await expect(form.checkbox('WebVTT'), 'WebVTT is on by default').toBeChecked();
  await expect(form.checkbox('Keep cells')).not.toBeChecked();

  // Before anything is decoded: the planned times and the layout.
  await form.expectPlanned(times, 'cell');
  await expect(form.spriteLayout).toBeVisible();
  await expect(form.spriteLayout).toContainText(/\b2 sheets of 816\s*[×x]\s*282\s*px; the last one 816\s*[×x]\s*98\s*px/);

  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 100_000);
  log(testInfo, 'timing', `${MEDIA.bunnyWebm} sprite 20 cells (2 sheets 816x282): ${elapsed} ms`);
  await expect.soft(job.statusMessage).toContainText(new RegExp(`Finished: 2 sprite sheets \\(20 cells\\) of ${esc(MEDIA.bunnyWebm)} in `));
  expect.soft(await job.progress()).toEqual({ done: 20, total: 20 });
  expect.soft(await job.alertTexts(), 'a finished job shows no warning').toEqual([]);

  // Results: both sheets at full resolution; one focusable, labelled element per cell. The last sheet holds only
  // the line it uses: 2·4 + 90 = 98 px high.
  const sizes: Record<string, [number, number]> = { 'sprite_000.jpg': [816, 282], 'sprite_001.jpg': [816, 98] };
  for (const name of ['sprite_000.jpg', 'sprite_001.jpg']) {
    const img = page.getByRole('img', { name: `Sprite sheet ${name}`, exact: true });
    await expect(img).toBeVisible();
    const shown = await shownImage(img);
    expect([shown.width, shown.height]).toEqual(sizes[name]);
    expect(shown.lumaStdDev, `${name} shows a picture`).toBeGreaterThan(2);
    const box = await img.boundingBox();
    expect.soft(box && [Math.round(box.width), Math.round(box.height)], `${name} shown at full resolution`).toEqual(sizes[name]);
  }
  const cellLabels = page.getByLabel(/^Cell \d+: /);
  await expect(cellLabels).toHaveCount(20);
  for (const k of [0, 7, 15, 19]) {
    const t = times[k]!;
    const frameMs = ref.frames[frameIndexAt(ref.frames, t)]!;
    const cell = page.getByLabel(`Cell ${k + 1}: ${uiTime(t)} · frame at ${uiTime(frameMs)}`, { exact: true });
    await expect.soft(cell, `cell ${k + 1} labelled with its time and frame time`).toHaveCount(1);
    if ((await cell.count()) === 1) {
      await cell.focus();
      await expect.soft(cell, `cell ${k + 1} is focusable`).toBeFocused();
    }
  }
  const vttLink = page.getByRole('link', { name: 'thumbnails.vtt', exact: true });
  await expect(vttLink).toBeVisible();
  // Download it as a user does (the CSP allows no fetch of blob: URLs from the page).
  const [vttDownload] = await Promise.all([page.waitForEvent('download'), vttLink.click()]);
  expect(vttDownload.suggestedFilename()).toBe('thumbnails.vtt');
  const linkedVtt = fs.readFileSync(await vttDownload.path(), 'utf8');

  // The zip.
  const { zipPath, suggestedFilename } = await app.downloadZip();
  expect(suggestedFilename).toBe(`${baseName(MEDIA.bunnyWebm)}_snapshots.zip`);
  const zip = await ZipArchive.open(zipPath);
  expect([...zip.names].sort()).toEqual(['manifest.json', 'sprite_000.jpg', 'sprite_001.jpg', 'storyboard.json', 'thumbnails.vtt']);
  const vttText = await zip.text('thumbnails.vtt');
  expect(linkedVtt, 'the "thumbnails.vtt" link serves the same file as the zip').toBe(vttText);
  expect(vttText.startsWith('WEBVTT')).toBe(true);
  for (const stamp of vttText.match(/\S+ --> \S+/g) ?? [])
    expect.soft(stamp).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}$/);

  // (a) Chromium's WebVTT parser reads it: 20 consecutive cues from 0 to the end, pointing at the right cells.
  const cues = await readCuesInBrowser(page, vttText);
  expect(cues).toHaveLength(20);
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => void (ok || problems.push(message));
  check(cueMs(cues[0]!.startTime) === 0, `first cue starts at ${cues[0]!.startTime} s, not 0`);
  check(
    cueMs(cues[19]!.endTime) === Math.round(ref.durationMs),
    `last cue ends at ${cues[19]!.endTime} s, not the duration ${ref.durationMs / 1000} s`,
  );
  cues.forEach((cue, k) => {
    check(cueMs(cue.startTime) === times[k], `cue ${k} starts at ${cue.startTime} s, expected ${times[k]! / 1000} s`);
    check(cue.endTime > cue.startTime, `cue ${k} is empty or reversed (${cue.startTime} → ${cue.endTime})`);
    const next = cues[k + 1];
    if (next) check(cue.endTime === next.startTime, `cue ${k} ends at ${cue.endTime} s but cue ${k + 1} starts at ${next.startTime} s`);
    const target = spriteTarget(cue.text);
    const want = cells[k]!;
    check(
      target !== null &&
        target.sheet === want.sheetName &&
        target.x === want.x &&
        target.y === want.y &&
        target.width === want.width &&
        target.height === want.height,
      `cue ${k} text ${JSON.stringify(cue.text)}, expected "${want.sheetName}#xywh=${want.x},${want.y},${want.width},${want.height}"`,
    );
  });
  expect(cues[15]!.text.trim(), 'coordinates restart on the second sheet').toBe('sprite_001.jpg#xywh=4,4,160,90');
  expect(problems, problems.join('\n')).toEqual([]);

  // (b) Every cell, cut out at its cue's #xywh, is the frame displayed at the cue's start.
  const sheets = new Map<string, RgbImage>();
  for (const name of ['sprite_000.jpg', 'sprite_001.jpg']) {
    const bytes = await zip.bytes(name);
    expect(looksLikeJpeg(bytes), `${name} is a JPG`).toBe(true);
    const img = decodeJpeg(bytes);
    expect([img.width, img.height], `${name} size`).toEqual(sizes[name]);
    sheets.set(name, img);
  }
  const items: FrameItem[] = cues.map((cue, k) => {
    const t = spriteTarget(cue.text)!;
    return {
      label: `cue ${k} (${cue.startTime} s) ${cue.text}`,
      image: crop(sheets.get(t.sheet)!, t.x, t.y, t.width, t.height),
      k: frameIndexAt(ref.frames, cueMs(cue.startTime)),
    };
  });
  const frames = await compareWithFrames(ref, items, { testInfo, name: 'sprite-cells' });
  log(testInfo, 'accuracy', `20 cells, worst d0 ${Math.max(...frames.rows.map((r) => r.d0)).toFixed(2)} (limit ${D0_MAX})`);
  expect(frames.problems, frames.problems.join('\n')).toEqual([]);

  // (c) Margin and padding are the background colour (white); the last sheet has no empty slot (one line of 5).
  const slots = slotRects(grid);
  const inSlot = (x: number, y: number) => slots.some((s) => x >= s.x && x < s.x + s.width && y >= s.y && y < s.y + s.height);
  for (const [name, img] of sheets) {
    const gaps = regionStats(img, (x, y) => !inSlot(x, y));
    const line =
      `${name}: ${gaps.count} margin/padding px, mean RGB ${gaps.mean.map((v) => v.toFixed(1)).join('/')}, ` +
      `${(gaps.fractionAbove(230) * 100).toFixed(1)} % with every channel ≥ 230`;
    log(testInfo, 'background', line);
    // A JPG rings next to the cells' edges, so not every gap pixel is 255; black or grey gaps would fail by far.
    expect.soft(Math.min(...gaps.mean), `${name} margin/padding is white: ${line}`).toBeGreaterThan(235);
    expect.soft(gaps.fractionAbove(230), `${name} margin/padding is white: ${line}`).toBeGreaterThan(0.9);
  }
  expect.soft(sheets.get('sprite_001.jpg')!.height, 'the last sheet holds only its line of cells').toBe(98);

  // (d) The manifest's cells agree with the VTT and with native ffmpeg's frame times.
  const manifest = await zip.manifest();
  const spec = manifest.spec as Record<string, unknown>;
  expect.soft(spec.mode).toBe('sprite');
  expect.soft(spec.timesMs).toEqual(times);
  expect.soft(spec.sprite).toMatchObject({ ...grid, color: 'white', keepCells: false, webvtt: true });
  expect.soft(spec.sampling).toMatchObject({ startMs: 0, intervalSec: 0.5, count: null });
  const files = manifest.files as AnyManifestFile[];
  expect.soft(files.map((f) => f.name).sort()).toEqual(['sprite_000.jpg', 'sprite_001.jpg', 'storyboard.json', 'thumbnails.vtt']);
  expect.soft(files.find((f) => f.name === 'storyboard.json')?.kind).toBe('storyboard');
  const sheetEntries = files.filter((f) => f.kind === 'sheet');
  expect(sheetEntries.map((f) => f.name)).toEqual(['sprite_000.jpg', 'sprite_001.jpg']);
  expect.soft(files.find((f) => f.name === 'thumbnails.vtt')?.kind).toBe('vtt');
  for (const f of files) expect.soft(f.bytes, `${f.name} bytes`).toBe((await zip.bytes(f.name)).length);
  for (const sheet of sheetEntries) {
    expect.soft([sheet.width, sheet.height], `${sheet.name} size in the manifest`).toEqual(sizes[sheet.name]);
    expect
      .soft([sheet.headerHeight, sheet.lines], `${sheet.name} header and lines in the manifest`)
      .toEqual(sheet.name === 'sprite_000.jpg' ? [0, 3] : [0, 1]);
    expect.soft(sheet.cells?.length, `${sheet.name} cells`).toBe(sheet.name === 'sprite_000.jpg' ? 15 : 5);
  }
  cues.forEach((cue, k) => {
    const t = spriteTarget(cue.text)!;
    const cell = sheetEntries.find((s) => s.name === t.sheet)?.cells?.find((c) => c.index === k);
    const frameMs = ref.frames[frameIndexAt(ref.frames, cueMs(cue.startTime))]!;
    check(cell !== undefined, `manifest has no cell ${k} in ${t.sheet}`);
    if (!cell) return;
    check(
      cell.requestedMs === cueMs(cue.startTime) && cell.x === t.x && cell.y === t.y && cell.width === t.width && cell.height === t.height,
      `manifest cell ${k} ${JSON.stringify(cell)} disagrees with cue ${JSON.stringify(cue)}`,
    );
    check(
      cell.actualMs !== null && Math.abs(cell.actualMs - frameMs) <= 1,
      `manifest cell ${k}: actualMs ${cell.actualMs}, ffprobe frame time ${frameMs.toFixed(3)}`,
    );
  });
  expect(problems, problems.join('\n')).toEqual([]);
});

test('kept cells without WebVTT: one image per cell, the same picture as its place on the sheet', async ({ app, page }, testInfo) => {
  const file = mediaPath(MEDIA.flower);
  const ref = await probeVideo(file);
  const base = baseName(MEDIA.flower);
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 0, count: 6 });
  expect(times).toHaveLength(6);
  // Defaults: 160 px wide cells, height from 16:9, 10 x 10 per sheet, no padding or margin.
  const grid: SpriteGrid = { cellWidth: 160, cellHeight: 90, columns: 10, lines: 10, padding: 0, margin: 0 };
  const cells = expectedCells(grid, 6);

  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await form.fill({ 'Interval (s)': '0', Count: '6' });
  await form.setChecks({ 'Keep cells': true, WebVTT: false });
  await form.expectPlanned(times, 'cell');
  // Six cells use one of the ten lines: the sheet holds only that line.
  await expect(form.spriteLayout).toContainText(/\b1 sheet of 1600\s*[×x]\s*90\s*px \(1 of 10 lines used/);

  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 100_000);
  log(testInfo, 'timing', `${MEDIA.flower} sprite 6 cells + kept cells: ${elapsed} ms`);
  await expect.soft(job.statusMessage).toContainText(new RegExp(`Finished: 1 sprite sheet \\(6 cells\\) of ${esc(MEDIA.flower)} in `));
  await expect(page.getByRole('link', { name: 'thumbnails.vtt' }), 'WebVTT off: no VTT').toHaveCount(0);

  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const cellNames = times.map((t, k) => cellFileName(base, k, t));
  expect([...zip.names].sort()).toEqual(['manifest.json', 'sprite_000.jpg', ...cellNames].sort());
  const sheet = decodeJpeg(await zip.bytes('sprite_000.jpg'));
  expect([sheet.width, sheet.height]).toEqual([1600, 90]);

  const items: FrameItem[] = [];
  const problems: string[] = [];
  for (const [k, name] of cellNames.entries()) {
    const bytes = await zip.bytes(name);
    const img = decodeJpeg(bytes);
    if (img.width !== 160 || img.height !== 90) {
      problems.push(`${name} is ${img.width}x${img.height}, expected 160x90`);
      continue;
    }
    const c = cells[k]!;
    const d = meanAbsDiff(img, crop(sheet, c.x, c.y, c.width, c.height));
    if (!(d < D0_MAX)) problems.push(`${name} differs from its place on the sheet (${c.x},${c.y}) by ${d.toFixed(2)}`);
    items.push({ label: name, image: img, k: frameIndexAt(ref.frames, times[k]!) });
  }
  expect(problems, problems.join('\n')).toEqual([]);
  const frames = await compareWithFrames(ref, items, { testInfo, name: 'kept-cells' });
  expect(frames.problems, frames.problems.join('\n')).toEqual([]);

  const manifest = await zip.manifest();
  const files = manifest.files as AnyManifestFile[];
  expect.soft((manifest.spec as Record<string, unknown>).sprite).toMatchObject({ keepCells: true, webvtt: false });
  expect.soft(files.filter((f) => f.kind === 'vtt')).toEqual([]);
  const cellEntries = files.filter((f) => f.kind === 'cell');
  expect.soft(cellEntries.map((f) => f.name)).toEqual(cellNames);
  for (const [k, f] of cellEntries.entries()) {
    expect.soft(f.requestedMs, `${f.name} requestedMs`).toBe(times[k]);
    const frameMs = ref.frames[frameIndexAt(ref.frames, times[k]!)]!;
    expect.soft(Math.abs((f.actualMs ?? NaN) - frameMs), `${f.name} actualMs ${f.actualMs} vs ffprobe ${frameMs}`).toBeLessThanOrEqual(1);
    expect.soft([f.width, f.height]).toEqual([160, 90]);
  }
  testInfo.annotations.push({ type: 'zip', description: path.basename(zipPath) });
});

test('a sprite layout that cannot be made is refused before any job, naming the limit or the field', async ({ app, page }) => {
  const file = mediaPath(MEDIA.flower);
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.flower);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await form.fill({ 'Cell width': 160, Columns: 200, Lines: 1 });
  // 200 × 160 px = 32000 px wide: over the 16384 px limit of a sheet side.
  const tooWide = await app.createSnapshotsExpectingProblem(/16384|16 384|16,384/);
  expect(tooWide).toMatch(/32000|32 000|32,000|wide|Columns/i);
  await form.fill({ Columns: 1, Lines: 200 });
  const tooHigh = await app.createSnapshotsExpectingProblem(/16384|16 384|16,384/);
  expect(tooHigh).toMatch(/high|Lines/i);
  await form.fill({ Columns: 0, Lines: 3 });
  await app.createSnapshotsExpectingProblem(/Columns/);
  await expect(form.textbox('Columns'), 'the refused field is marked invalid').toHaveAttribute('aria-invalid', 'true');
  await expect(app.jobItems).toHaveCount(0);
});
