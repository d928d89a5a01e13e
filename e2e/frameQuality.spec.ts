/**
 * "Avoid dark or blurry frames" on both decoders: a clip that opens on black and fades in, and one
 * with a burst of blur. A snapshot at 0 gives the first frame that is not dark, one in the burst the first sharp frame
 * after it, and the manifest says why; a time in normal content is unchanged and exact (native ffmpeg's frames).
 * The expected frames are found with native ffmpeg's luma and the same pure measures (src/core/analysis/frameQuality.ts).
 */
import {
  chooseFrame,
  isDark,
  measureFrame,
  NEIGHBOURS_AFTER_MS,
  NEIGHBOURS_BEFORE_MS,
  referenceSharpness,
  searchWindowEnd,
  type MeasuredFrame,
} from '../src/core/analysis/frameQuality';
import { D0_MAX } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { decodeJpeg, meanAbsDiff, rgbImage } from './support/images';
import { blurBurstClip, darkStartClip, nativeLuma } from './support/madeClips';
import { frameIndexAt, probeVideo, referenceFrameRGB } from './support/reference';
import { ZipArchive } from './support/zip';

const W = 320;
const H = 180;

/** The frame the app must choose for `timeMs` (same rule as the engine: neighbours, then the window). */
function expectedChoice(frames: number[], luma: Uint8Array[], timesMs: number[], index: number, durationMs: number) {
  const t = timesMs[index] as number;
  const at = frameIndexAt(frames, t);
  const untilMs = searchWindowEnd(timesMs, index, durationMs);
  const window: MeasuredFrame[] = [];
  let atInWindow = -1;
  frames.forEach((ms, i) => {
    if (ms < frames[at]! - NEIGHBOURS_BEFORE_MS || ms > untilMs + 0.002) return;
    if (i === at) atInWindow = window.length;
    window.push({ ms, measure: measureFrame({ data: luma[i]!, width: W, height: H }) });
  });
  const near = window.filter((f) => f.ms <= Math.max(frames[at]!, Math.min(untilMs, t + NEIGHBOURS_AFTER_MS)) + 0.002);
  const nearRef = referenceSharpness(near.map((f) => f.measure));
  const current = window[atInWindow]!;
  const choice = chooseFrame(window, atInWindow, referenceSharpness(window.map((f) => f.measure)));
  const goodNear = chooseFrame(near, atInWindow, nearRef).reason === null;
  return { at, current, choice: goodNear ? { ms: current.ms, reason: null, moved: false } : choice };
}

for (const decoder of ['webcodecs', 'ffmpeg'] as const) {
  for (const clip of [
    { name: 'dark start and fade-in', make: darkStartClip, offsets: [0, 4000], reason: 'dark' },
    { name: 'burst of blur', make: blurBurstClip, offsets: [2500, 4000], reason: 'blurry' },
  ]) {
    test(`${clip.name}, ${decoder}: the frame moves to the first good one and the manifest says why`, async ({ app }, testInfo) => {
      test.setTimeout(240_000);
      const file = clip.make();
      const ref = await probeVideo(file);
      const luma = nativeLuma(file, W, H);
      expect(luma.length).toBe(ref.frames.length);
      const fileName = file.split('/').pop()!;

      await app.page.goto(`/?decoder=${decoder}`);
      await app.chooseFile(file);
      await app.waitForProbe(fileName);
      await app.setOffsets(clip.offsets.map((ms) => `${ms}`).join(', '));
      await app.setSize(W, H);
      await app.page.getByRole('checkbox', { name: /^Avoid dark or blurry frames/ }).check();
      const job = await app.createSnapshots();
      await job.waitForStatus('Finished', 200_000);
      const { zipPath } = await app.downloadZip();
      const zip = await ZipArchive.open(zipPath);
      const manifest = await zip.manifest();
      expect(manifest.decoder).toBe(decoder === 'ffmpeg' ? 'ffmpeg.wasm' : 'webcodecs');
      expect(manifest.spec.avoidBadFrames).toBe(true);

      const rows: string[] = [];
      for (const [index, t] of clip.offsets.entries()) {
        const entry = manifest.files.find((f) => f.requestedMs === t)!;
        expect(entry, `an image for ${t} ms`).toBeTruthy();
        const want = expectedChoice(ref.frames, luma, clip.offsets, index, manifest.source.durationMs);
        const gotIndex = frameIndexAt(ref.frames, entry.actualMs);
        const wantIndex = frameIndexAt(ref.frames, want.choice.ms);
        rows.push(
          `${t} ms: got frame #${gotIndex} (${entry.actualMs} ms, ${JSON.stringify(entry.quality ?? null)}), expected #${wantIndex} (${want.choice.reason})`,
        );
        expect(Math.abs(entry.actualMs - ref.frames[gotIndex]!), 'actualMs is a real frame time').toBeLessThan(1);
        if (index === 0) {
          expect(entry.quality).toEqual({ reason: clip.reason, moved: true });
          // Scalers differ a little between the decoders and native ffmpeg: the measures' threshold may fall one frame apart.
          expect(Math.abs(gotIndex - wantIndex), rows.join('\n')).toBeLessThanOrEqual(1);
          expect(gotIndex).toBeGreaterThan(want.at);
          const chosen = measureFrame({ data: luma[gotIndex]!, width: W, height: H });
          if (clip.reason === 'dark') expect(isDark(chosen), 'the chosen frame is not dark').toBe(false);
        } else {
          expect(entry.quality, 'a time in normal content is not moved').toBeUndefined();
          expect(gotIndex).toBe(frameIndexAt(ref.frames, t));
        }
        // The image is that frame, exactly (native ffmpeg's frame at the same size).
        const image = decodeJpeg(await zip.bytes(entry.name));
        const native = rgbImage(W, H, new Uint8Array(await referenceFrameRGB(file, gotIndex, W, H)));
        expect(meanAbsDiff(image, native), `${entry.name} is frame #${gotIndex}`).toBeLessThan(D0_MAX);
      }
      await testInfo.attach('choices.txt', { body: rows.join('\n'), contentType: 'text/plain' });
      console.log(`quality ${decoder} ${clip.name}:\n  ${rows.join('\n  ')}`);
    });
  }
}

test('sprite cells too: the first cell of a dark start moves, the manifest says why, the others stay exact', async ({ app }) => {
  test.setTimeout(180_000);
  const file = darkStartClip();
  const ref = await probeVideo(file);
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(file.split('/').pop()!);
  await app.page.getByRole('radio', { name: 'Sprite sheet', exact: true }).check();
  await app.page.getByRole('textbox', { name: 'Interval (s)', exact: true }).fill('2');
  await app.page.getByRole('textbox', { name: 'Cell width', exact: true }).fill('160');
  await app.page.getByRole('textbox', { name: 'Columns', exact: true }).fill('3');
  await app.page.getByRole('textbox', { name: 'Rows', exact: true }).fill('1');
  await app.page.getByRole('checkbox', { name: /^Avoid dark or blurry frames/ }).check();
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 120_000);
  const manifest = await (await ZipArchive.open((await app.downloadZip()).zipPath)).manifest();
  const sheet = manifest.files.find((f) => f.kind === 'sheet') as unknown as {
    cells: Array<{ requestedMs: number; actualMs: number; quality?: { reason: string; moved: boolean } }>;
  };
  expect(sheet.cells.map((c) => c.requestedMs)).toEqual([0, 2000, 4000]);
  const [first, second, third] = sheet.cells;
  expect(first!.quality).toEqual({ reason: 'dark', moved: true });
  expect(first!.actualMs).toBeGreaterThan(1500);
  expect(first!.actualMs).toBeLessThan(2000);
  for (const cell of [second!, third!]) {
    expect(cell.quality).toBeUndefined();
    expect(Math.abs(cell.actualMs - ref.frames[frameIndexAt(ref.frames, cell.requestedMs)]!)).toBeLessThan(1);
  }
});
