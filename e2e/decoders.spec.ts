/**
 * The hybrid engine: files the browser decodes go through WebCodecs (mediabunny demuxing), the rest
 * through ffmpeg.wasm, and both paths give the same frame for the same time. Every shared file the browser can
 * decode runs the same offsets job twice, with `?decoder=webcodecs` (WebCodecs, no fallback) and `?decoder=ffmpeg`
 * (ffmpeg.wasm forced); the two zips are compared frame by frame (actualMs within 1 ms, pixels close) and each
 * against native ffmpeg (support/accuracy.ts).
 */
import { checkSnapshotZip, D0_MAX, type OffsetCase, type ZipCheck } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { decodeJpeg, meanAbsDiff } from './support/images';
import { MEDIA, mediaPath } from './support/media';
import { offsetCasesFor } from './support/offsets';
import { probeVideo } from './support/reference';
import { ZipArchive } from './support/zip';
import type { SnapframePage } from './support/app';

/** The shared files this Chromium decodes with WebCodecs (H.264, VP8, VP9 in MP4/MOV/WebM), and a test size. */
const BROWSER_DECODABLE: Array<{ file: string; width?: number; height: number }> = [
  { file: MEDIA.flower, width: 320, height: 180 },
  { file: MEDIA.flowerWebm, width: 480, height: 270 },
  { file: MEDIA.friday, height: 480 },
  { file: MEDIA.bunnyWebm, width: 160, height: 90 },
  { file: MEDIA.rotated, height: 1280 },
  { file: MEDIA.mov, width: 480, height: 270 },
];

/** Largest mean abs difference between the two paths' JPGs of one frame (each is within D0_MAX of native ffmpeg). */
const PATHS_MAX = D0_MAX;

interface PathRun {
  check: ZipCheck;
  zipPath: string;
  elapsedMs: number;
  decoderText: string;
}

async function runJob(
  app: SnapframePage,
  decoder: 'webcodecs' | 'ffmpeg',
  file: string,
  offsets: OffsetCase[],
  size: { width?: number; height: number },
  expected: { width: number; height: number },
): Promise<PathRun> {
  await app.page.goto(`/?decoder=${decoder}`);
  await app.chooseFile(mediaPath(file));
  await app.waitForProbe(file);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(size.width, size.height);
  const job = await app.createSnapshots();
  const elapsedMs = await job.waitForStatus('Finished', 150_000);
  expect.soft(await job.alertTexts(), `${decoder}: a finished job shows no warning`).toEqual([]);
  const decoderText = (await job.item.getByText(/decoder:/).innerText()).trim();
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const check = await checkSnapshotZip({
    testInfo: test.info(),
    zipPath,
    suggestedFilename,
    sourceFile: mediaPath(file),
    offsets,
    ...expected,
  });
  return { check, zipPath, elapsedMs, decoderText };
}

for (const c of BROWSER_DECODABLE) {
  test(`${c.file}: WebCodecs and ffmpeg.wasm give the same frames`, async ({ app }, testInfo) => {
    test.setTimeout(300_000);
    const ref = await probeVideo(mediaPath(c.file));
    const expected = c.width
      ? { width: c.width, height: c.height }
      : { width: Math.round((ref.displayWidth * c.height) / ref.displayHeight), height: c.height };
    const offsets = offsetCasesFor(ref, 10);

    const browser = await runJob(app, 'webcodecs', c.file, offsets, c, expected);
    const wasm = await runJob(app, 'ffmpeg', c.file, offsets, c, expected);

    expect.soft(browser.check.manifest.decoder).toBe('webcodecs');
    expect.soft(wasm.check.manifest.decoder).toBe('ffmpeg.wasm');
    expect.soft(browser.decoderText).toContain('decoder: browser (WebCodecs)');
    expect.soft(wasm.decoderText).toContain('decoder: ffmpeg.wasm');

    // Frame by frame: same frame time, pixels close.
    const a = await ZipArchive.open(browser.zipPath);
    const b = await ZipArchive.open(wasm.zipPath);
    const problems: string[] = [];
    const rows: Array<Record<string, number | string>> = [];
    expect(browser.check.manifest.files.map((f) => f.name)).toEqual(wasm.check.manifest.files.map((f) => f.name));
    for (const [i, fa] of browser.check.manifest.files.entries()) {
      const fb = wasm.check.manifest.files[i]!;
      if (Math.abs(fa.actualMs - fb.actualMs) > 1) {
        problems.push(`${fa.name}: WebCodecs actualMs ${fa.actualMs}, ffmpeg.wasm ${fb.actualMs}`);
      }
      const diff = meanAbsDiff(decodeJpeg(await a.bytes(fa.name)), decodeJpeg(await b.bytes(fb.name)));
      if (!(diff < PATHS_MAX)) problems.push(`${fa.name}: the two paths' images differ by ${diff.toFixed(2)} (limit ${PATHS_MAX})`);
      rows.push({ name: fa.name, actualMs: fa.actualMs, ffmpegActualMs: fb.actualMs, diff: Number(diff.toFixed(3)) });
    }
    const worst = (check: ZipCheck) => Math.max(...check.rows.map((r) => r.d0)).toFixed(2);
    const mean = (check: ZipCheck) => (check.rows.reduce((s, r) => s + r.d0, 0) / check.rows.length).toFixed(2);
    const line =
      `decoders: ${c.file} ${offsets.length} offsets at ${expected.width}x${expected.height}: ` +
      `WebCodecs ${browser.elapsedMs} ms (d0 mean ${mean(browser.check)}, worst ${worst(browser.check)}), ` +
      `ffmpeg.wasm ${wasm.elapsedMs} ms (d0 mean ${mean(wasm.check)}, worst ${worst(wasm.check)}), ` +
      `paths differ by at most ${Math.max(...rows.map((r) => Number(r.diff))).toFixed(2)}`;
    console.log(line);
    testInfo.annotations.push({ type: 'decoders', description: line });
    await testInfo.attach('paths.json', { body: JSON.stringify(rows, null, 2), contentType: 'application/json' });

    expect(browser.check.problems, `WebCodecs accuracy problems:\n${browser.check.problems.join('\n')}`).toEqual([]);
    expect(wasm.check.problems, `ffmpeg.wasm accuracy problems:\n${wasm.check.problems.join('\n')}`).toEqual([]);
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

test('auto: WebCodecs for a file the browser decodes, ffmpeg.wasm for one it does not', async ({ app }) => {
  test.setTimeout(180_000);
  await app.open();
  for (const [file, want] of [
    [MEDIA.flower, 'decoder: browser (WebCodecs)'],
    [MEDIA.indeoAvi, 'decoder: ffmpeg.wasm'],
  ] as const) {
    await app.chooseFile(mediaPath(file));
    await app.waitForProbe(file);
    await app.setOffsets('1s, 2s');
    await app.setSize(160);
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 120_000);
    await expect(job.item.getByText(/decoder:/)).toContainText(want);
  }
});
