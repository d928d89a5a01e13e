/**
 * The hybrid engine's two paths on one file: the same offsets job run on ffmpeg.wasm (`?decoder=ffmpeg`, forced)
 * after a WebCodecs run, each zip checked against native ffmpeg (support/accuracy.ts), then the two compared frame by
 * frame: the same frame time (within 1 ms) and pixels close. Used by snapshots.spec.ts (the test media the browser
 * decodes) and decoders.spec.ts.
 */
import type { TestInfo } from '@playwright/test';
import { checkSnapshotZip, D0_MAX, type OffsetCase, type ZipCheck } from './accuracy';
import type { SnapframePage } from './app';
import { expect } from './fixtures';
import { decodeJpeg, meanAbsDiff } from './images';
import { ZipArchive } from './zip';

/** Largest mean abs difference between the two paths' JPGs of one frame (each is within D0_MAX of native ffmpeg). */
const PATHS_MAX = D0_MAX;

/** One job's run: its zip's check against native ffmpeg, the zip, the time to Finished and the card's decoder line. */
export interface PathRun {
  check: ZipCheck;
  zipPath: string;
  elapsedMs: number;
  decoderText: string;
}

/** What one path's job is asked for and must give. */
export interface PathJob {
  file: string;
  /** The file's name as the page shows it. */
  name: string;
  offsets: OffsetCase[];
  /** What is typed in Width / Height (undefined: empty). */
  size: { width?: number; height?: number };
  /** The images' size. */
  expected: { width: number; height: number };
}

/**
 * Runs the offsets job on a fresh page with `?decoder=<decoder>` (no fallback), downloads its zip and checks it.
 * @throws the page object's errors when the job does not finish within 150 s
 */
export async function runPathJob(app: SnapframePage, testInfo: TestInfo, decoder: 'webcodecs' | 'ffmpeg', job: PathJob): Promise<PathRun> {
  await app.page.goto(`/?decoder=${decoder}`);
  await app.chooseFile(job.file);
  await app.waitForProbe(job.name);
  await app.setOffsets(job.offsets.map((o) => o.text).join(', '));
  await app.setSize(job.size.width, job.size.height);
  const handle = await app.createSnapshots();
  const elapsedMs = await handle.waitForStatus('Finished', 150_000);
  expect.soft(await handle.alertTexts(), `${decoder}: a finished job shows no warning`).toEqual([]);
  const decoderText = (await handle.item.getByText(/decoder:/).innerText()).trim();
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const check = await checkSnapshotZip({
    testInfo,
    zipPath,
    suggestedFilename,
    sourceFile: job.file,
    offsets: job.offsets,
    ...job.expected,
  });
  return { check, zipPath, elapsedMs, decoderText };
}

/**
 * Checks that the WebCodecs run and the ffmpeg.wasm run gave the same frames: each path named in its manifest and
 * card, each within native ffmpeg's frames, the same file names, actualMs within 1 ms, pixels within PATHS_MAX.
 * Logs and attaches a line with both paths' times and accuracy.
 */
export async function expectSamePaths(testInfo: TestInfo, label: string, browser: PathRun, wasm: PathRun): Promise<void> {
  expect.soft(browser.check.manifest.decoder).toBe('webcodecs');
  expect.soft(wasm.check.manifest.decoder).toBe('ffmpeg.wasm');
  expect.soft(browser.decoderText).toContain('decoder: browser (WebCodecs)');
  expect.soft(wasm.decoderText).toContain('decoder: ffmpeg.wasm');

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
    `decoders: ${label}: ` +
    `WebCodecs ${browser.elapsedMs} ms (d0 mean ${mean(browser.check)}, worst ${worst(browser.check)}), ` +
    `ffmpeg.wasm ${wasm.elapsedMs} ms (d0 mean ${mean(wasm.check)}, worst ${worst(wasm.check)}), ` +
    `paths differ by at most ${Math.max(...rows.map((r) => Number(r.diff))).toFixed(2)}`;
  console.log(line);
  testInfo.annotations.push({ type: 'decoders', description: line });
  await testInfo.attach('paths.json', { body: JSON.stringify(rows, null, 2), contentType: 'application/json' });

  expect(browser.check.problems, `WebCodecs accuracy problems:\n${browser.check.problems.join('\n')}`).toEqual([]);
  expect(wasm.check.problems, `ffmpeg.wasm accuracy problems:\n${wasm.check.problems.join('\n')}`).toEqual([]);
  expect(problems, problems.join('\n')).toEqual([]);
}
