/**
 * User data (Alibaba UserData, SPEC "Jobs"): any JSON up to 64 KB, carried unchanged into manifest.json; anything
 * else is refused before the job starts.
 */
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import { ZipArchive } from './support/zip';

test('user data is carried unchanged into the manifest, and bad JSON is refused', async ({ app, page }) => {
  await app.open();
  await app.chooseFile(mediaPath(MEDIA.bunnyWebm));
  await app.waitForProbe(MEDIA.bunnyWebm);
  await app.setOffsets('1s');
  await page.getByText('User data', { exact: true }).click();
  const field = page.getByRole('textbox', { name: 'User data (JSON)' });

  await field.fill('{"project": "trailer", ');
  const problem = await app.createSnapshotsExpectingProblem(/JSON/);
  expect(problem).toMatch(/User data/i);

  const userData = { project: 'trailer-42', tags: ['a', 'ü', 7], nested: { n: null, ok: true, x: 1.5 } };
  await field.fill(JSON.stringify(userData));
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const { zipPath } = await app.downloadZip();
  const manifest = await (await ZipArchive.open(zipPath)).manifest();
  expect(manifest.userData).toEqual(userData);
  expect(manifest.spec).not.toHaveProperty('userData');
});
