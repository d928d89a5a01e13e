/**
 * Interval mode and the output options (docs/SPEC.md "Times" sample times, "Output geometry and format"):
 * a person switches to "Interval", types start / interval / count, reads the planned times before the job runs,
 * creates it, downloads the zip and opens every image:
 * - the planned times follow the SPEC's Alibaba/Tencent rules (computed here independently of the app);
 * - every image is the frame displayed at its time (native ffmpeg as the reference, accuracy.ts);
 * - PNG with white bars in a square box, WebP, and keyframe frames are what they claim to be.
 */
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import { checkSnapshotZip, D0_MAX, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { SpecFormDriver, uiTime, type TextFieldName } from './support/form';
import { compareWithFrames } from './support/frameMatch';
import { crop, decodePng, decodeWithFfmpeg, looksLikePng, regionStats, webpInfo } from './support/imageFormats';
import { decodeJpeg, meanAbsDiff, rgbImage } from './support/images';
import { keyframeAtOrBefore, probeKeyframes } from './support/keyframes';
import { baseName, MEDIA, mediaPath, repoRoot } from './support/media';
import { frameIndexAt, probeVideo, referenceFrames } from './support/reference';
import { expectedSampleTimes, type Sampling } from './support/sampling';
import type { AnyManifestFile } from './support/sprites';
import { ZipArchive } from './support/zip';
import type { SnapframePage } from './support/app';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pad8 = (ms: number) => String(ms).padStart(8, '0');
const log = (testInfo: TestInfo, type: string, line: string) => {
  console.log(`${type}: ${line}`);
  testInfo.annotations.push({ type, description: line });
};

/** Opens the app on a file and switches to Interval mode. */
async function openInInterval(app: SnapframePage, file: string): Promise<SpecFormDriver> {
  await app.open();
  await app.chooseFile(mediaPath(file));
  await app.waitForProbe(file);
  const form = new SpecFormDriver(app.page);
  await form.chooseMode('Interval');
  return form;
}

interface SamplingCase {
  title: string;
  typed: Partial<Record<TextFieldName, string>>;
  rule: Sampling | ((durationMs: number) => Sampling);
  /** spec.sampling as manifest.json must record it. */
  manifest: { startMs: number; intervalSec: number; count: number | null; percent: number | null };
}

const FLOWER_JOBS: SamplingCase[] = [
  {
    title: 'Start 1s, Interval 1 s, no count: every second while before the end',
    typed: { Start: '1s', 'Interval (s)': '1', Count: '' },
    rule: { startMs: 1000, intervalSec: 1 },
    manifest: { startMs: 1000, intervalSec: 1, count: null, percent: null },
  },
  {
    title: 'Start 1s, Interval 0, Count 4: four times spread evenly from the start to the end',
    typed: { Start: '1s', 'Interval (s)': '0', Count: '4' },
    rule: { startMs: 1000, intervalSec: 0, count: 4 },
    manifest: { startMs: 1000, intervalSec: 0, count: 4, percent: null },
  },
  {
    title: 'Interval 25%: a time every quarter of the duration',
    typed: { Start: '', 'Interval (s)': '25%', Count: '' },
    rule: { percent: 25 },
    manifest: { startMs: 0, intervalSec: expect.any(Number) as unknown as number, count: null, percent: 25 },
  },
];

for (const c of FLOWER_JOBS) {
  test(`flower.mp4 Interval mode, ${c.title}`, async ({ app }, testInfo) => {
    const file = mediaPath(MEDIA.flower);
    const ref = await probeVideo(file);
    const rule = typeof c.rule === 'function' ? c.rule(ref.durationMs) : c.rule;
    const times = expectedSampleTimes(ref.durationMs, rule);
    testInfo.annotations.push({ type: 'times', description: times.join(', ') });

    const form = await openInInterval(app, MEDIA.flower);
    await form.fill({ ...c.typed, Width: '320', Height: '' });
    const shown = await form.expectPlanned(times, 'snapshot');
    testInfo.annotations.push({ type: 'planned', description: shown });

    const job = await app.createSnapshots();
    const elapsed = await job.waitForStatus('Finished', 100_000);
    log(testInfo, 'timing', `${MEDIA.flower} interval ${JSON.stringify(c.typed)}: ${times.length} snapshots in ${elapsed} ms`);
    await expect.soft(job.statusMessage).toContainText(new RegExp(`Finished: ${times.length} snapshots? of ${esc(MEDIA.flower)} in `));
    expect.soft(await job.progress()).toEqual({ done: times.length, total: times.length });
    await expect.soft(app.snapshotItems).toHaveCount(times.length);

    const { zipPath, suggestedFilename } = await app.downloadZip();
    const offsets: OffsetCase[] = times.map((ms) => ({ text: uiTime(ms), ms, why: c.title }));
    const result = await checkSnapshotZip({
      testInfo,
      zipPath,
      suggestedFilename,
      sourceFile: file,
      offsets,
      width: 320,
      height: 180,
      mode: 'sample',
    });
    expect(result.problems, `accuracy problems (see accuracy.json):\n${result.problems.join('\n')}`).toEqual([]);
    expect.soft((result.manifest.spec as Record<string, unknown>).sampling).toEqual(c.manifest);
    expect
      .soft(
        (result.manifest.files as AnyManifestFile[]).every((f) => f.kind === 'snapshot'),
        'files are snapshots',
      )
      .toBe(true);
  });
}

test('flower.mp4 Interval mode: the planned times follow the SPEC rules before anything runs', async ({ app }) => {
  const file = mediaPath(MEDIA.flower);
  const { durationMs } = await probeVideo(file);
  const form = await openInInterval(app, MEDIA.flower);
  const cases: Array<[Partial<Record<TextFieldName, string>>, Sampling, string]> = [
    [{ Start: '', 'Interval (s)': '1', Count: '3' }, { intervalSec: 1, count: 3 }, 'count gives fewer: count wins'],
    [{ Start: '', 'Interval (s)': '2', Count: '10' }, { intervalSec: 2, count: 10 }, 'interval gives fewer: interval wins'],
    [{ Start: '', 'Interval (s)': '10', Count: '' }, { intervalSec: 10 }, 'interval longer than the video: the start only'],
    [{ Start: '10%', 'Interval (s)': '1', Count: '' }, { startMs: Math.round(durationMs * 0.1), intervalSec: 1 }, 'start as a percentage'],
    [{ Start: '0:02.5', 'Interval (s)': '0.3', Count: '' }, { startMs: 2500, intervalSec: 0.3 }, 'decimal interval, many times'],
    [{ Start: '1500', 'Interval (s)': '0', Count: '7' }, { startMs: 1500, intervalSec: 0, count: 7 }, 'spread evenly from a start in ms'],
  ];
  for (const [typed, rule, why] of cases) {
    await form.fill(typed);
    const times = expectedSampleTimes(durationMs, rule);
    await test.step(`${JSON.stringify(typed)}: ${why} → ${times.join(', ')}`, async () => {
      await form.expectPlanned(times, 'snapshot');
    });
  }
  // Refused, naming the field: a start past the end, interval 0 without a count.
  await form.fill({ Start: '6s', 'Interval (s)': '1', Count: '' });
  await app.createSnapshotsExpectingProblem(/Start/);
  await expect(form.textbox('Start'), 'the refused field is marked invalid').toHaveAttribute('aria-invalid', 'true');
  await form.fill({ Start: '', 'Interval (s)': '0', Count: '' });
  await app.createSnapshotsExpectingProblem(/count/i);
  await expect(form.textbox('Count'), 'the refused field is marked invalid').toHaveAttribute('aria-invalid', 'true');
  await expect(app.jobItems).toHaveCount(0);
});

test('PNG with white bars: flower (16:9) in a 320x320 box', async ({ app }, testInfo) => {
  const file = mediaPath(MEDIA.flower);
  const ref = await probeVideo(file);
  const times = expectedSampleTimes(ref.durationMs, { startMs: 1000, intervalSec: 0, count: 2 });
  const form = await openInInterval(app, MEDIA.flower);
  await form.fill({ Start: '1s', 'Interval (s)': '0', Count: '2', Width: '320', Height: '320' });
  await form.choose({ Fit: 'white', Format: 'png' });
  await form.expectPlanned(times, 'snapshot');
  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 100_000);
  log(testInfo, 'timing', `${MEDIA.flower} 2 PNG 320x320: ${elapsed} ms`);

  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const names = times.map((ms) => `${baseName(MEDIA.flower)}_${pad8(ms)}ms.png`);
  expect([...zip.names].sort()).toEqual([...names, 'manifest.json'].sort());
  const manifest = await zip.manifest();
  expect.soft(manifest.spec).toMatchObject({ mode: 'sample', width: 320, height: 320, fit: 'white', format: 'png' });

  // The 320x180 picture sits between two 70 px white bars.
  const pictureTop = (320 - 180) / 2;
  const problems: string[] = [];
  const pictures = [];
  for (const [i, name] of names.entries()) {
    const bytes = await zip.bytes(name);
    expect(looksLikePng(bytes), `${name} is a PNG`).toBe(true);
    const png = decodePng(bytes);
    expect([png.header.width, png.header.height], `${name} IHDR size`).toEqual([320, 320]);
    expect.soft(png.minAlpha, `${name} is opaque`).toBe(255);
    // Where exactly the picture starts (±2 px of centred) and how close it is to the frame.
    const frame = rgbImage(320, 180, (await referenceFrames(file, [frameIndexAt(ref.frames, times[i]!)], 320, 180)).values().next().value!);
    let best = { y: -1, d: Infinity };
    for (let y = pictureTop - 2; y <= pictureTop + 2; y++) {
      const d = meanAbsDiff(crop(png, 0, y, 320, 180), frame);
      if (d < best.d) best = { y, d };
    }
    testInfo.annotations.push({ type: 'picture', description: `${name}: picture at y=${best.y}, diff ${best.d.toFixed(2)}` });
    if (Math.abs(best.y - pictureTop) > 1) problems.push(`${name}: picture starts at y=${best.y}, expected ${pictureTop} (centred)`);
    // PNG is lossless: the bars (all rows but the picture's, and one row of blending each side) are white.
    const top = regionStats(png, (_x, y) => y < best.y - 1);
    const bottom = regionStats(png, (_x, y) => y > best.y + 180);
    for (const [where, s] of [
      ['top', top],
      ['bottom', bottom],
    ] as const) {
      const line = `${name} ${where} bar (${s.count / 320} rows): mean ${s.mean.map((v) => v.toFixed(1)).join('/')}, min channel ${s.min}`;
      testInfo.annotations.push({ type: 'bars', description: line });
      if (!(s.count >= 320 * (pictureTop - 3)) || !(s.fractionAbove(250) === 1)) problems.push(`${line}: not a white bar`);
    }
    pictures.push({ label: name, image: crop(png, 0, best.y, 320, 180), k: frameIndexAt(ref.frames, times[i]!) });
    const file0 = (manifest.files as AnyManifestFile[]).find((f) => f.name === name);
    expect
      .soft(file0 && [file0.kind, file0.width, file0.height, file0.bytes], `${name} in the manifest`)
      .toEqual(['snapshot', 320, 320, bytes.length]);
  }
  expect(problems, problems.join('\n')).toEqual([]);
  const frames = await compareWithFrames(ref, pictures, { testInfo, name: 'png-pictures' });
  expect(frames.problems, frames.problems.join('\n')).toEqual([]);
});

test('WebP: a RIFF/WEBP file of the requested size holding the exact frame', async ({ app }, testInfo) => {
  const file = mediaPath(MEDIA.flower);
  const ref = await probeVideo(file);
  const times = expectedSampleTimes(ref.durationMs, { startMs: 1000, intervalSec: 0, count: 2 });
  const form = await openInInterval(app, MEDIA.flower);
  await form.fill({ Start: '1s', 'Interval (s)': '0', Count: '2', Width: '320', Height: '' });
  await form.choose({ Format: 'webp' });
  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 100_000);
  log(testInfo, 'timing', `${MEDIA.flower} 2 WebP 320x180: ${elapsed} ms`);

  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const names = times.map((ms) => `${baseName(MEDIA.flower)}_${pad8(ms)}ms.webp`);
  expect([...zip.names].sort()).toEqual([...names, 'manifest.json'].sort());
  const manifest = await zip.manifest();
  expect.soft(manifest.spec).toMatchObject({ mode: 'sample', width: 320, height: 180, format: 'webp', quality: 85 });
  const items = [];
  for (const [i, name] of names.entries()) {
    const bytes = await zip.bytes(name);
    const info = webpInfo(bytes);
    testInfo.annotations.push({
      type: 'webp',
      description: `${name}: ${info.kind.trim()} ${info.width}x${info.height}, ${bytes.length} bytes`,
    });
    expect([info.width, info.height], `${name} size from its ${info.kind.trim()} header`).toEqual([320, 180]);
    items.push({ label: name, image: await decodeWithFfmpeg(bytes, 320, 180), k: frameIndexAt(ref.frames, times[i]!) });
    const entry = (manifest.files as AnyManifestFile[]).find((f) => f.name === name);
    expect.soft(entry?.requestedMs).toBe(times[i]);
    expect.soft(Math.abs((entry?.actualMs ?? NaN) - ref.frames[frameIndexAt(ref.frames, times[i]!)]!)).toBeLessThanOrEqual(1);
  }
  const frames = await compareWithFrames(ref, items, { testInfo, name: 'webp' });
  log(testInfo, 'accuracy', `webp worst d0 ${Math.max(...frames.rows.map((r) => r.d0)).toFixed(2)} (limit ${D0_MAX})`);
  expect(frames.problems, frames.problems.join('\n')).toEqual([]);
});

test('Frame type keyframe: each image is the keyframe at or before its time', async ({ app }, testInfo) => {
  const file = path.join(repoRoot, 'public', 'sample.mp4');
  const name = 'sample.mp4';
  const ref = await probeVideo(file);
  const keys = await probeKeyframes(file);
  testInfo.annotations.push({ type: 'keyframes', description: keys.map((k) => k.toFixed(3)).join(', ') });
  const times = expectedSampleTimes(ref.durationMs, { startMs: 1900, intervalSec: 3.1 });
  expect(times).toEqual([1900, 5000, 8100]);
  const wanted = times.map((t) => keyframeAtOrBefore(keys, t));
  // The test tells keyframe from accurate only if the frames differ: none of these times is on a keyframe.
  for (const [i, t] of times.entries()) expect(ref.frames[frameIndexAt(ref.frames, t)], `${t} ms is not on a keyframe`).not.toBe(wanted[i]);

  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(name);
  const form = new SpecFormDriver(app.page);
  await form.chooseMode('Interval');
  await form.fill({ Start: '1.9s', 'Interval (s)': '3.1', Count: '', Width: '320', Height: '' });
  await form.choose({ 'Frame type': 'keyframe' });
  await form.expectPlanned(times, 'snapshot');
  const job = await app.createSnapshots();
  const elapsed = await job.waitForStatus('Finished', 100_000);
  log(testInfo, 'timing', `${name} 3 keyframe snapshots: ${elapsed} ms`);

  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const manifest = await zip.manifest();
  expect.soft(manifest.spec).toMatchObject({ mode: 'sample', frameType: 'keyframe' });
  const files = manifest.files as AnyManifestFile[];
  expect(files.map((f) => f.name)).toEqual(times.map((ms) => `sample_${pad8(ms)}ms.jpg`));
  expect(files.map((f) => f.requestedMs)).toEqual(times);
  const actual = files.map((f) => f.actualMs ?? NaN);
  expect(
    actual.every((a, i) => Math.abs(a - wanted[i]!) <= 1),
    `actualMs ${JSON.stringify(actual)}, keyframes at or before ${JSON.stringify(times)} are ${JSON.stringify(wanted)}`,
  ).toBe(true);

  const items = [];
  const accurateIdx = times.map((t) => frameIndexAt(ref.frames, t));
  const accurateFrames = await referenceFrames(file, accurateIdx, 320, 180);
  const problems: string[] = [];
  for (const [i, f] of files.entries()) {
    const image = decodeJpeg(await zip.bytes(f.name));
    const k = frameIndexAt(ref.frames, wanted[i]!);
    items.push({ label: f.name, image, k });
    const dAccurate = meanAbsDiff(image, rgbImage(320, 180, accurateFrames.get(accurateIdx[i]!)!));
    testInfo.annotations.push({
      type: 'accurate-frame diff',
      description: `${f.name}: vs frame #${accurateIdx[i]} ${dAccurate.toFixed(2)}`,
    });
    if (!(dAccurate > D0_MAX))
      problems.push(`${f.name} looks like the exact frame #${accurateIdx[i]} (diff ${dAccurate.toFixed(2)}), not the keyframe #${k}`);
  }
  const frames = await compareWithFrames(ref, items, { testInfo, name: 'keyframes' });
  expect([...problems, ...frames.problems], [...problems, ...frames.problems].join('\n')).toEqual([]);
});
