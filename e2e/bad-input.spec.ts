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
import { asVvc, MEDIA, mediaPath, withDamagedMiddle, withDeclaredDuration } from './support/media';
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
  // Broken files, each from a shared clip or native ffmpeg.
  const flower = fs.readFileSync(mediaPath(MEDIA.flower));
  fs.writeFileSync(path.join(dir, 'document.mp4'), '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'color=red:s=64x64',
    '-frames:v',
    '1',
    '-f',
    'image2',
    '-c:v',
    'png',
    path.join(dir, 'image.mp4'),
  ]);
  fs.writeFileSync(path.join(dir, 'headless.mp4'), flower.subarray(64 * 1024));
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    mediaPath(MEDIA.flower),
    '-c',
    'copy',
    '-encryption_scheme',
    'cenc-aes-ctr',
    '-encryption_key',
    '76a6c65c5ea762046bd749a2e632ccbb',
    '-encryption_kid',
    'a7e61c373e219033c21091fa607bf3b8',
    path.join(dir, 'encrypted.mp4'),
  ]);
  fs.writeFileSync(path.join(dir, 'vvc.mp4'), asVvc(flower));
  fs.writeFileSync(path.join(dir, 'ten-hours.mp4'), withDeclaredDuration(flower, 36_000));
  fs.writeFileSync(path.join(dir, 'damaged-middle.mp4'), withDamagedMiddle(flower, 64 * 1024));
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
      .map(
        (f) =>
          `${f.requestedMs} ms gave the frame at ${f.actualMs} ms, the complete file shows ${frames[frameIndexAt(frames, f.requestedMs)]!.toFixed(3)} ms`,
      );
    testInfo.annotations.push({
      type: name,
      description: `job ${status}; alerts: ${JSON.stringify(alerts)}; ${manifest.files.length} images; wrong: ${JSON.stringify(wrong)}`,
    });
    expect(wrong, 'a snapshot of missing data was replaced by another frame').toEqual([]);
    const skipped = (manifest.skipped ?? []).map((s) => s.requestedMs);
    const made = manifest.files.map((f) => f.requestedMs);
    expect(
      [...made, ...skipped].sort((a, b) => a - b),
      'every requested time is an image or skipped',
    ).toEqual(manifest.spec.offsetsMs);
    if (skipped.length > 0) expect(alerts.join('\n'), 'skipped times are announced').toMatch(/could not be decoded/);
    if (expectSkipped) expect(skipped).toEqual(expectSkipped);
  }
});

/** Each broken file, and the sentence its alert must hold (besides its name). */
const REFUSED: [name: string, sentence: RegExp][] = [
  ['document.mp4', /document\.mp4 could not be read as a video.*choose a video file/],
  ['image.mp4', /image\.mp4 is a still image \(png\), not a video\. Choose a video file/],
  ['headless.mp4', /headless\.mp4 could not be read as a video.*incomplete or damaged/],
  [
    'encrypted.mp4',
    /encrypted\.mp4 is protected \(encrypted, DRM: scheme cenc\) video; Snapframe cannot read protected video\. Use an unprotected copy/,
  ],
  ['vvc.mp4', /vvc\.mp4 holds video in VVC \(H\.266\), sample entry "vvc1", which Snapframe cannot decode.*Convert the video/],
];

test('broken, protected and mislabelled files: an alert naming each within 10 s, kept in the file list; the app keeps working', async ({
  app,
}, testInfo) => {
  test.setTimeout(240_000);
  const good = mediaPath(MEDIA.bunnyWebm);
  await app.open();
  await app.chooseFile(good); // starts the preview engine, so that the times below are the files' own
  await app.waitForProbe(MEDIA.bunnyWebm);
  const fileRows = app.page.getByRole('list', { name: 'Files' }).getByRole('listitem');

  for (const [name, sentence] of REFUSED) {
    await test.step(`${name} is refused`, async () => {
      const chosenAt = Date.now();
      await app.chooseFile(path.join(dir, name));
      const alert = app.alerts.filter({ hasText: name }).first();
      await expect(alert, `an alert naming ${name}`).toBeVisible({ timeout: 10_000 });
      const text = (await alert.innerText()).trim();
      testInfo.annotations.push({ type: name, description: `${Date.now() - chosenAt} ms: ${text}` });
      expect(text).toMatch(sentence);
      await expect(fileRows.filter({ hasText: name }).getByRole('alert'), 'the error stays with the file in the list').toContainText(
        sentence,
      );
      await expect(app.createButton).toBeDisabled();
    });
  }

  await test.step('a container that declares 10 hours for a 5 s clip: the real duration, and its end works', async () => {
    await app.chooseFile(path.join(dir, 'ten-hours.mp4'));
    const details = await app.waitForProbe('ten-hours.mp4', 10_000);
    expect(details['Duration']).toBe('0:05.055');
    const offsets = [
      { text: '0', ms: 0 },
      { text: '4.9s', ms: 4900 },
      { text: '100%', ms: 5055 },
    ];
    await app.setOffsets(offsets.map((o) => o.text).join(', '));
    await app.setSize(320);
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 90_000);
    const { zipPath, suggestedFilename } = await app.downloadZip();
    const result = await checkSnapshotZip({
      testInfo,
      zipPath,
      suggestedFilename,
      sourceFile: path.join(dir, 'ten-hours.mp4'),
      offsets,
      width: 320,
      height: 180,
    });
    // Native ffprobe's format duration believes the container (36000 s): that one disagreement is the point.
    const problems = result.problems.filter((p) => p !== 'source.durationMs 5055, ffprobe says 36000000');
    expect(problems, problems.join('\n')).toEqual([]);
    expect(result.manifest.source.durationMs).toBe(5055);
  });

  await test.step('64 KB of garbage in the middle: what can be decoded is, the rest is listed as skipped', async () => {
    await app.chooseFile(path.join(dir, 'damaged-middle.mp4'));
    await app.waitForProbe('damaged-middle.mp4', 10_000);
    await app.setOffsets('0.5s, 2s, 2.5s, 3s, 4.5s');
    await app.setSize(160);
    const job = await app.createSnapshots();
    const status = await job.waitForEnd(90_000);
    const alerts = await job.alertTexts();
    testInfo.annotations.push({ type: 'damaged-middle.mp4', description: `${status}; ${JSON.stringify(alerts)}` });
    expect(status).toBe('Finished');
    const { zipPath } = await app.downloadZip();
    const manifest = await (await ZipArchive.open(zipPath)).manifest();
    const frames = await probeFrames(mediaPath(MEDIA.flower));
    const made = manifest.files.map((f) => f.requestedMs);
    const skipped = (manifest.skipped ?? []).map((s) => s.requestedMs);
    expect(
      [...made, ...skipped].sort((a, b) => a - b),
      'every requested time is an image or skipped',
    ).toEqual([500, 2000, 2500, 3000, 4500]);
    expect(made, 'times before and after the damage are decoded').toEqual(expect.arrayContaining([500, 4500]));
    for (const f of manifest.files)
      expect(Math.abs(f.actualMs - frames[frameIndexAt(frames, f.requestedMs)]!), `${f.requestedMs} ms`).toBeLessThanOrEqual(1);
    if (skipped.length > 0) expect(alerts.join('\n'), 'skipped times are announced').toMatch(/could not be decoded/);
  });

  await test.step('afterwards a good file still makes snapshots', async () => {
    await app.page.getByRole('button', { name: `Show ${MEDIA.bunnyWebm}` }).click();
    await app.waitForProbe(MEDIA.bunnyWebm);
    await app.setOffsets('1s');
    await app.setSize(160);
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 60_000);
  });
});
