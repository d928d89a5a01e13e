/**
 * Dropping a file on the drop zone works like choosing it: the file is probed and a job on it is exact.
 */
import fs from 'node:fs';
import { checkSnapshotZip } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

test('a video dropped on the drop zone is probed and gives exact snapshots', async ({ app, page }, testInfo) => {
  const file = mediaPath(MEDIA.bunnyWebm);
  await app.open();
  const base64 = fs.readFileSync(file).toString('base64');
  const transfer = await page.evaluateHandle(
    ({ data, name }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'video/webm' }));
      return dt;
    },
    { data: base64, name: MEDIA.bunnyWebm },
  );
  const zone = page.getByRole('region', { name: 'Video input' });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  const details = await app.waitForProbe(MEDIA.bunnyWebm);
  expect(details['Resolution']).toContain('320 × 180');

  const offsets = [
    { text: '2.5s', ms: 2500 },
    { text: '7.51s', ms: 7510 },
  ];
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
});
