/**
 * A whole session talks to nobody but the app's own origin (docs/ARCHITECTURE.md convention 6: ffmpeg.wasm's core is served
 * by the app, never by a CDN). Every request of the page and its workers is recorded; any URL that is not
 * same-origin, blob: or data: fails the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkSnapshotZip } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { repoRoot } from './support/media';

test('load, sample video, probe, job and zip download stay on the app origin', async ({ app, network }, testInfo) => {
  await app.open();
  await app.trySample();
  const details = await app.waitForProbe('sample.mp4');
  expect(details['Resolution']).toContain('640 × 360');

  const offsets = [
    { text: '0', ms: 0 },
    { text: '1.5s', ms: 1500 },
    { text: '0:05', ms: 5000 },
    { text: '50%', percent: 50 },
  ];
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(320);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  expect(suggestedFilename).toBe('sample_snapshots.zip');

  // The sample is public/sample.mp4 in the repository: its frames can be checked too.
  const sample = path.join(repoRoot, 'public', 'sample.mp4');
  if (fs.existsSync(sample)) {
    const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: sample, offsets, width: 320, height: 180 });
    expect(result.problems, result.problems.join('\n')).toEqual([]);
  }

  await testInfo.attach('requests.txt', { body: network.summary(), contentType: 'text/plain' });
  const urls = network.requests.map((r) => r.url);
  // The recorder must have seen the engine's own loads, or it proves nothing.
  expect(
    urls.some((u) => /\.wasm(\?|$)/.test(u)),
    'the ffmpeg core (.wasm) request was recorded',
  ).toBe(true);
  expect(
    urls.some((u) => u.endsWith('/sample.mp4')),
    'the sample request was recorded',
  ).toBe(true);
  expect(network.violations()).toEqual([]);
});
