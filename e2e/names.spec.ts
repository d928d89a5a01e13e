/**
 * File names from users are text, never HTML, and never paths in a zip. Copies of
 * flower.mp4 are made at test time under hostile names: markup that runs script if it were parsed as HTML, and
 * (a name Linux allows) backslash path parts, `..`, a control character and a right-to-left override that would
 * disguise the extension. The app must show each name literally, run no script (no dialog, no element made from
 * the name), and give zip entries without `..`, absolute paths, backslashes or control characters, all unique.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/fixtures';
import { looksLikeJpeg } from './support/images';
import { MEDIA, mediaPath } from './support/media';
import { QueuePage } from './support/queue';
import { ZipArchive } from './support/zip';

const MARKUP = '<img src=x onerror=alert(1)>.mp4';
/** Backslashes are ordinary characters in Linux file names; Windows tools read them as folders. */
const PATHLIKE = '..\\..\\evil\u0007name\u202Egpj.mp4';
/** What src/core/output/naming.ts videoBaseName makes of them (`<>` → `_`; path parts, control and bidi characters gone). */
const MARKUP_BASE = '_img src=x onerror=alert(1)_';
const PATHLIKE_BASE = 'evilnamegpj';

/** Everything a zip entry name must not be or contain. */
function entryNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.split('/').some((part) => part === '..' || part === '.')) problems.push('a . or .. path part');
  if (name.includes('..')) problems.push('..');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) problems.push('an absolute path');
  if (name.includes('\\')) problems.push('a backslash');
  if (/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(name)) problems.push('a control or bidi character');
  return problems.map((p) => `${JSON.stringify(name)} has ${p}`);
}

let dir = '';
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-names-'));
  for (const name of [MARKUP, PATHLIKE]) fs.copyFileSync(mediaPath(MEDIA.flower), path.join(dir, name));
});
test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('hostile file names are shown as text and sanitised in zip entries', async ({ app, page }, testInfo) => {
  test.setTimeout(240_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  const q = new QueuePage(app);
  await app.open();
  await app.fileInput.setInputFiles([path.join(dir, MARKUP), path.join(dir, PATHLIKE)]);
  await expect(q.fileItems).toHaveCount(2);

  await test.step('the names are shown literally, and no markup from them reaches the DOM', async () => {
    expect((await app.waitForProbe(MARKUP))['Name']).toBe(MARKUP);
    await expect(q.fileItem(MARKUP)).toContainText('960 × 540', { timeout: 90_000 });
    await expect(q.fileItem(PATHLIKE)).toContainText('960 × 540', { timeout: 90_000 });
    await expect(q.showButton(MARKUP)).toHaveText(MARKUP);
    await expect(q.showButton(PATHLIKE)).toHaveText(PATHLIKE);
    await q.showButton(PATHLIKE).click();
    expect((await app.waitForProbe(PATHLIKE))['Name']).toBe(PATHLIKE);
    expect(await page.locator('img[src="x"], [onerror]').count(), 'elements made from a file name').toBe(0);
    await q.showButton(MARKUP).click();
    await app.waitForProbe(MARKUP);
  });

  const offsetsMs = [0, 2000];
  await app.setOffsets(offsetsMs.join(', '));
  await app.setSize(160);

  await test.step("one video's zip: named after the sanitised base name, entries safe", async () => {
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 120_000);
    await expect(job.item).toContainText(MARKUP);
    const { zipPath, suggestedFilename } = await app.downloadZip();
    expect(suggestedFilename).toBe(`${MARKUP_BASE}_snapshots.zip`);
    const zip = await ZipArchive.open(zipPath);
    await testInfo.attach('single-zip-entries.txt', { body: zip.names.join('\n'), contentType: 'text/plain' });
    expect(zip.names.flatMap(entryNameProblems)).toEqual([]);
    expect(new Set(zip.names).size).toBe(zip.names.length);
    const images = zip.names.filter((n) => n.endsWith('.jpg'));
    expect(images).toEqual(offsetsMs.map((ms) => `${MARKUP_BASE}_${String(ms).padStart(8, '0')}ms.jpg`));
    for (const name of images) expect(looksLikeJpeg(await zip.bytes(name)), name).toBe(true);
    // The manifest keeps the user's name as data (JSON), exactly.
    expect((await zip.manifest()).source.name).toBe(MARKUP);
  });

  await test.step('"Download all": one folder per video, all entries safe and unique', async () => {
    const [pathJob] = await q.newJobs(1, async () => {
      await q.showButton(PATHLIKE).click();
      await app.waitForProbe(PATHLIKE);
      await app.createButton.click();
    });
    await pathJob!.waitForStatus('Finished', 120_000);
    await expect(q.downloadAllButton).toBeEnabled();
    const [download] = await Promise.all([page.waitForEvent('download'), q.downloadAllButton.click()]);
    const zipPath = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(zipPath);
    const zip = await ZipArchive.open(zipPath);
    await testInfo.attach('all-zip-entries.txt', { body: zip.names.join('\n'), contentType: 'text/plain' });
    expect(zip.names.flatMap(entryNameProblems)).toEqual([]);
    expect(new Set(zip.names).size).toBe(zip.names.length);
    const folders = [...new Set(zip.names.map((n) => n.split('/')[0]))].sort();
    expect(folders).toEqual([MARKUP_BASE, PATHLIKE_BASE].sort());
    expect(zip.names.filter((n) => n.startsWith(`${PATHLIKE_BASE}/`) && n.endsWith('.jpg'))).toEqual(
      offsetsMs.map((ms) => `${PATHLIKE_BASE}/${PATHLIKE_BASE}_${String(ms).padStart(8, '0')}ms.jpg`),
    );
  });

  expect(dialogs, 'dialogs opened by the page').toEqual([]);
});
