/**
 * Bad input never hangs and never fails silently: files that are not videos, empty, audio only or truncated, and
 * spec values out of range, each end in a `role=alert` sentence; afterwards the same page still makes snapshots.
 * The bad files are made at test time (native ffmpeg for the audio-only one) in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkSnapshotZip } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import { frameIndexAt, probeFrames } from './support/reference';
import { ZipArchive } from './support/zip';

let dir = '';

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-bad-'));
  fs.writeFileSync(path.join(dir, 'notvideo.mp4'), 'This is a text file, not a video.\n'.repeat(200));
  fs.writeFileSync(path.join(dir, 'empty.mp4'), '');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', mediaPath(MEDIA.mov), '-vn', '-c:a', 'copy', path.join(dir, 'audio-only.mov')]);
  for (const [name, out] of [
    [MEDIA.flower, 'flower-truncated.mp4'],
    [MEDIA.mpeg2Ts, 'bbb-truncated.ts'],
  ] as const) {
    const bytes = fs.readFileSync(mediaPath(name));
    fs.writeFileSync(path.join(dir, out), bytes.subarray(0, Math.floor(bytes.length / 2)));
  }
});

test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('bad files and bad settings end in clear alerts, and the app keeps working', async ({ app }, testInfo) => {
  test.setTimeout(360_000);
  const good = mediaPath(MEDIA.bunnyWebm);
  await app.open();

  await test.step('a good file to check the settings against', async () => {
    await app.chooseFile(good);
    await app.waitForProbe(MEDIA.bunnyWebm);
  });

  await test.step('offset past the duration', async () => {
    await app.setOffsets('1s, 99999');
    expect(await app.createSnapshotsExpectingProblem('99999')).toMatch(/99999/);
  });
  await test.step('negative offset', async () => {
    await app.setOffsets('1s, -500');
    expect(await app.createSnapshotsExpectingProblem('-500')).toMatch(/-500/);
  });
  await test.step('unparsable offset', async () => {
    await app.setOffsets('1s, abc');
    expect(await app.createSnapshotsExpectingProblem('"abc"')).toContain('"abc"');
  });
  await test.step('all three at once: the message names each', async () => {
    await app.setOffsets('abc, -500, 1s, 99999, 0:75');
    const text = await app.createSnapshotsExpectingProblem('0:75');
    for (const bad of ['"abc"', '-500', '99999', '0:75']) expect(text).toContain(bad);
    expect(text).not.toMatch(/"1s"/);
  });
  await test.step('no offsets at all', async () => {
    await app.setOffsets('   ');
    await app.createSnapshotsExpectingProblem(/offset|time/i);
  });
  for (const width of [5, 5000]) {
    await test.step(`width ${width}`, async () => {
      await app.setOffsets('1s');
      await app.setSize(width);
      const text = await app.createSnapshotsExpectingProblem(new RegExp(`Width[^]*\\b${width}\\b|\\b${width}\\b[^]*Width`));
      expect(text).toMatch(/\b8\b/);
      expect(text).toContain('4096');
    });
  }
  await app.setSize();

  for (const name of ['notvideo.mp4', 'empty.mp4', 'audio-only.mov']) {
    await test.step(`${name} is refused with a sentence naming it`, async () => {
      await app.chooseFile(path.join(dir, name));
      const message = await app.waitForProbeError(name, 60_000);
      expect(message.length, message).toBeGreaterThan(name.length + 20);
      testInfo.annotations.push({ type: name, description: message });
      await expect(app.createButton).toBeDisabled();
    });
  }

  await test.step('truncated MP4 (index intact, second half of the data missing)', async () => {
    // 4 s lies in the missing half: its frame cannot be decoded, so the user must be told (or get the right frame).
    // The job finishes with the 0.5 s image and reports 4 s as skipped (manifest `skipped`, and a warning).
    await runTruncated('flower-truncated.mp4', MEDIA.flower, '0.5s, 4s', [4000]);
  });

  await test.step('truncated MPEG-TS (a shorter stream)', async () => {
    await runTruncated('bbb-truncated.ts', MEDIA.mpeg2Ts, '0, 25%, 50%');
  });

  await test.step('after all that, a good file still gives exact snapshots', async () => {
    await app.chooseFile(good);
    await app.waitForProbe(MEDIA.bunnyWebm);
    const offsets = [
      { text: '0', ms: 0 },
      { text: '1s', ms: 1000 },
      { text: '0:02.5', ms: 2500 },
    ];
    await app.setOffsets(offsets.map((o) => o.text).join(', '));
    await app.setSize();
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 90_000);
    const { zipPath, suggestedFilename } = await app.downloadZip();
    const result = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: good, offsets, width: 320, height: 180 });
    expect(result.problems, result.problems.join('\n')).toEqual([]);
  });

  /**
   * Chooses a truncated file: either the probe fails with an alert naming it, or a job on it reaches an end state
   * within 90 s: Failed with an alert, or Finished. A finished job's images must each be the frame the complete
   * file shows at that time (by native ffprobe on the original); every requested time is either an image or listed
   * in the manifest's `skipped` with a warning shown; `expectSkipped` (ms) when the outcome is known.
   */
  async function runTruncated(name: string, original: string, offsets: string, expectSkipped?: number[]): Promise<void> {
    await app.chooseFile(path.join(dir, name));
    const details = app.details.filter({ hasText: name });
    const failure = app.alerts.filter({ hasText: name });
    await expect(details.or(failure).first()).toBeVisible({ timeout: 60_000 });
    if (await failure.count()) {
      const message = (await failure.first().innerText()).trim();
      testInfo.annotations.push({ type: name, description: `probe refused it: ${message}` });
      expect(message.length).toBeGreaterThan(name.length + 20);
      return;
    }
    await app.setOffsets(offsets);
    await app.setSize(160);
    const job = await app.createSnapshots();
    const status = await job.waitForEnd(90_000);
    const alerts = await job.alertTexts();
    expect(status).not.toBe('Cancelled');
    if (status === 'Failed') {
      testInfo.annotations.push({ type: name, description: `job Failed; alerts: ${JSON.stringify(alerts)}` });
      expect(alerts.length, 'a failed job shows why').toBeGreaterThan(0);
      expect(alerts[0]!.length).toBeGreaterThan(20);
      return;
    }
    const { zipPath } = await app.downloadZip();
    const manifest = await (await ZipArchive.open(zipPath)).manifest();
    const frames = await probeFrames(mediaPath(original));
    const wrong = manifest.files
      .filter((f) => Math.abs(f.actualMs - frames[frameIndexAt(frames, f.requestedMs)]!) > 1)
      .map((f) => `${f.requestedMs} ms gave the frame at ${f.actualMs} ms, the complete file shows ${frames[frameIndexAt(frames, f.requestedMs)]!.toFixed(3)} ms`);
    testInfo.annotations.push({
      type: name,
      description: `job ${status}; alerts: ${JSON.stringify(alerts)}; ${manifest.files.length} images; wrong: ${JSON.stringify(wrong)}`,
    });
    expect(wrong, 'a snapshot of missing data was replaced by another frame').toEqual([]);
    const skipped = (manifest.skipped ?? []).map((s) => s.requestedMs);
    const made = manifest.files.map((f) => f.requestedMs);
    expect([...made, ...skipped].sort((a, b) => a - b), 'every requested time is an image or skipped').toEqual(manifest.spec.offsetsMs);
    if (skipped.length > 0) expect(alerts.join('\n'), 'skipped times are announced').toMatch(/could not be decoded/);
    if (expectSkipped) expect(skipped).toEqual(expectSkipped);
  }
});
