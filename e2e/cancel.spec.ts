/**
 * Cancelling a running job stops it at once (the engine is terminated, docs/SPEC.md "Jobs" / docs/ARCHITECTURE.md convention 3),
 * and the next job on the same file runs on a fresh engine and is exact.
 */
import { checkSnapshotZip } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';

test('cancel a slow MPEG-2 job while it runs, then a new job on the same file finishes', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const file = mediaPath(MEDIA.mpeg2Ts);
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(MEDIA.mpeg2Ts);

  // 60 times, every 40 ms: far more work than the seconds it takes to start and cancel.
  const many = Array.from({ length: 60 }, (_, i) => String(i * 40));
  await app.setOffsets(many.join(', '));
  await app.setSize(320);
  const job = await app.createSnapshots();
  await job.waitForStatus('Processing', 60_000);
  await expect.poll(async () => (await job.progress()).done, { timeout: 90_000, intervals: [100] }).toBeGreaterThanOrEqual(1);
  const before = await job.progress();
  expect(before.done, 'the job must still be running when cancelled').toBeLessThan(before.total);

  // In the page: the time from the click event to the card saying Cancelled (what the user sees); the driver's
  // figure adds Playwright's wait for the button to be stable and the status polls.
  await job.item.evaluate((card) => {
    const marks = window as unknown as { cancelClickAt?: number; cancelledAt?: number };
    card.addEventListener('click', () => (marks.cancelClickAt = performance.now()), { capture: true });
    new MutationObserver((_, observer) => {
      if (marks.cancelClickAt !== undefined && /Cancelled/.test(card.textContent ?? '')) {
        marks.cancelledAt = performance.now();
        observer.disconnect();
      }
    }).observe(card, { subtree: true, childList: true, characterData: true });
  });
  const clicked = Date.now();
  await job.cancelButton.click();
  // Cancel takes effect within the wait's 5 s; how fast is a figure, reported here and not asserted (speed is
  // measured, never asserted by a timed test).
  await job.waitForStatus('Cancelled', 5_000);
  const sinceClick = Date.now() - clicked;
  const inPage = await app.page.evaluate(() => {
    const marks = window as unknown as { cancelClickAt?: number; cancelledAt?: number };
    return marks.cancelledAt !== undefined && marks.cancelClickAt !== undefined
      ? Math.round(marks.cancelledAt - marks.cancelClickAt)
      : null;
  });
  const line = `timing: cancel -> Cancelled: ${inPage} ms in the page (click event to the card's text), ${sinceClick} ms as the test driver saw it (at ${before.done}/${before.total})`;
  console.log(line);
  testInfo.annotations.push({ type: 'timing', description: line });
  await expect(job.cancelButton).toHaveCount(0);

  // It stays cancelled and stops making progress.
  const atCancel = await job.progress();
  await app.page.waitForTimeout(1500);
  expect(await job.status()).toBe('Cancelled');
  expect((await job.progress()).done).toBe(atCancel.done);

  const offsets = [
    { text: '0', ms: 0 },
    { text: '1s', ms: 1000 },
    { text: '2.2s', ms: 2200 },
  ];
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  const next = await app.createSnapshots();
  await next.waitForStatus('Finished', 120_000);
  expect(await job.status(), 'the cancelled job is untouched by the new one').toBe('Cancelled');
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
  expect(result.problems, result.problems.join('\n')).toEqual([]);
});
