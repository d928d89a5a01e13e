/**
 * 200 snapshots in one job: more than the ~50 execs after which the engine recycles its ffmpeg.wasm instance
 * (ENGINE-FACTS.md: the instance crashes after ~63 execs), so this crosses several recycles. Every image is checked.
 */
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

test('200 offsets on a VP9 file at width 160', async ({ app }, testInfo) => {
  test.setTimeout(300_000);
  const file = mediaPath(MEDIA.bunnyWebm);
  const offsets: OffsetCase[] = Array.from({ length: 200 }, (_, i) => ({ text: String(i * 50), ms: i * 50 }));
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.bunnyWebm);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(160);
  const job = await app.createSnapshots();
  expect((await job.progress()).total).toBe(200);
  const elapsed = await job.waitForStatus('Finished', 270_000);
  const line = `timing: ${MEDIA.bunnyWebm} 200 offsets at 160 px: ${elapsed} ms`;
  console.log(line);
  testInfo.annotations.push({ type: 'timing', description: line });
  await expect.soft(job.statusMessage).toContainText(`Finished: 200 snapshots of ${MEDIA.bunnyWebm}`);
  expect.soft(await job.alertTexts(), 'a finished job shows no warning').toEqual([]);
  expect.soft(await job.progress()).toEqual({ done: 200, total: 200 });

  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 160, height: 90 });
  expect(result.manifest.files).toHaveLength(200);
  expect(result.rows).toHaveLength(200);
  expect(result.problems, result.problems.join('\n')).toEqual([]);
});
