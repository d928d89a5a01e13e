/**
 * Interlaced sources (support/clips.ts INTERLACED_CLIPS): H.264 MBAFF and MPEG-2 interlaced frame pictures, top and
 * bottom field first, in MPEG-TS and MP4 (some also stream-copied into MKV and MOV), and MPEG-TS cut in the middle of a GOP. For each, as a person does: choose
 * the file, read the video details ("Scan"), ask for three times, download the zip; the manifest's
 * `source.interlacing` must give the field order and coding ffprobe and the encoder agree on, and every image must be
 * native ffmpeg's frame at its time deinterlaced as the "Deinterlace" setting's default (Auto) does for these files:
 * the whole stream through `bwdif=mode=send_frame`, the oracle, and nearer it than the woven frame (the clips move
 * everywhere, so the two differ). One clip also with Deinterlace Off: native ffmpeg's frame as decoded, both fields
 * woven. On both decoders where the browser decodes the codec (H.264; MPEG-2 is ffmpeg.wasm's only). The H.264
 * stand-ins and the skipping of non-reference pictures (docs/ENGINE.md) step aside for field-coded streams, so
 * WebCodecs decodes every picture of them.
 */
import type { TestInfo } from '@playwright/test';
import { checkSnapshotZip, D0_MAX, type OffsetCase } from './support/accuracy';
import { decodeJpeg, meanAbsDiff, rgbImage } from './support/images';
import { ZipArchive } from './support/zip';
import type { SnapframePage } from './support/app';
import {
  INTERLACED_CLIPS,
  INTERLACED_CUT_CLIPS,
  INTERLACED_REMUX_CLIPS,
  MIXED_SCAN_CLIP,
  VP9_10BIT_CLIP,
  makeClip,
  type ClipRecipe,
} from './support/clips';
import { expect, test } from './support/fixtures';
import { probeVideo, referenceFrames } from './support/reference';

type Decoder = 'ffmpeg' | 'webcodecs';
type Deinterlace = 'auto' | 'on' | 'off';

/** The oracle of a deinterlaced image: native ffmpeg's bwdif over the whole stream, one frame per frame. */
const BWDIF = 'bwdif=mode=send_frame';

/**
 * Three times: 1 ms before the frame at 1 s (the second H.264 keyframe; mid-GOP in MPEG-2), half-way between two
 * frames in the second second, 1 ms after a frame near the end. A cut clip: 0 (before its first keyframe) instead of
 * the first; the mixed-scan clip: a progressive frame (the 8th) instead of the one between frames.
 */
async function timesFor(recipe: ClipRecipe, file: string): Promise<OffsetCase[]> {
  const f = (await probeVideo(file)).frames;
  const k = f.findIndex((t) => t >= 999);
  const mid = Math.min(f.length - 2, k + 10);
  const late = f.length - 4;
  const between = Math.round((f[mid]! + f[mid + 1]!) / 2);
  return [
    recipe.cutFrom
      ? { text: '0', ms: 0, why: 'zero: before the first keyframe' }
      : { text: String(Math.ceil(f[k]! - 1)), ms: Math.ceil(f[k]! - 1), why: `1 ms before frame ${k}` },
    recipe === MIXED_SCAN_CLIP
      ? { text: String(Math.floor(f[7]!) + 1), ms: Math.floor(f[7]!) + 1, why: '1 ms after frame 7, progressive' }
      : { text: String(between), ms: between, why: `between frames ${mid} and ${mid + 1}` },
    { text: String(Math.floor(f[late]!) + 1), ms: Math.floor(f[late]!) + 1, why: `1 ms after frame ${late}` },
  ];
}

/** The field order and coding the recipe was made with; null for a progressive clip (no interlacing is read). */
function expectedInterlacing(recipe: ClipRecipe): { fieldOrder: string; coding: string[] } | null {
  if (recipe.codec !== 'h264' && recipe.codec !== 'mpeg2') return null;
  if (recipe === MIXED_SCAN_CLIP) return { fieldOrder: 'mixed', coding: ['mbaff'] };
  const fieldOrder = recipe.name.includes('-bff') ? 'bff' : 'tff';
  return { fieldOrder, coding: [recipe.codec === 'h264' ? 'mbaff' : 'frame'] };
}

async function runClip(
  app: SnapframePage,
  decoder: Decoder,
  recipe: ClipRecipe,
  deinterlace: Deinterlace,
  testInfo: TestInfo,
): Promise<string[]> {
  const file = await makeClip(recipe);
  const offsets = await timesFor(recipe, file);
  const { width, height } = recipe.outputSize ?? { width: 320, height: 240 };
  const problems: string[] = [];
  await app.chooseFile(file);
  const details = await app.waitForProbe(recipe.name);
  const want = expectedInterlacing(recipe);
  const words: Record<string, string> = { tff: 'top field first', bff: 'bottom field first', mixed: 'mixed field order' };
  const order = want ? words[want.fieldOrder] : undefined;
  if (order ? !details.Scan?.includes(order) : details.Scan !== undefined)
    problems.push(`details say Scan ${JSON.stringify(details.Scan)}, expected ${JSON.stringify(order)}`);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(width, height);
  await app.openMoreOptions();
  const setting = app.page.getByRole('combobox', { name: 'Deinterlace' });
  await setting.selectOption(deinterlace);
  const hint = app.page.getByText(/^Deinterlace: Auto /);
  const hintWanted = want
    ? /^Deinterlace: Auto is on for this video \(interlaced, /
    : /^Deinterlace: Auto is off for this video \(its scan is not read\)/;
  const said = (await hint.textContent()) ?? '';
  if (!hintWanted.test(said)) problems.push(`the Deinterlace hint says ${JSON.stringify(said)}`);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const alerts = await job.alertTexts();
  if (alerts.length > 0) problems.push(`the finished job shows ${JSON.stringify(alerts)}`);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const deinterlaced = deinterlace === 'on' || (deinterlace === 'auto' && want !== null);
  const referenceFilters = deinterlaced ? BWDIF : undefined;
  const check = await checkSnapshotZip({
    testInfo,
    zipPath,
    suggestedFilename,
    sourceFile: file,
    offsets,
    width,
    height,
    referenceFilters,
  });
  const record = check.manifest.deinterlace as { mode?: string; applied?: boolean; fieldOrder?: string } | undefined;
  const wantRecord = deinterlaced
    ? { mode: deinterlace, applied: true, fieldOrder: want?.fieldOrder === 'bff' ? 'bff' : 'tff' }
    : { mode: deinterlace, applied: false };
  const got = { mode: record?.mode, applied: record?.applied, ...(record?.fieldOrder ? { fieldOrder: record.fieldOrder } : {}) };
  if (JSON.stringify(got) !== JSON.stringify(wantRecord))
    problems.push(`manifest deinterlace ${JSON.stringify(record)}, expected ${JSON.stringify(wantRecord)}`);
  const woven = deinterlaced ? await wovenDistances(zipPath, file, check.rows, width, height) : [];
  for (const [i, row] of check.rows.entries()) {
    if (deinterlaced && !(row.d0 < woven[i]!))
      problems.push(`${row.name}: ${row.d0.toFixed(2)} from the deinterlaced frame, ${woven[i]!.toFixed(2)} from the woven one`);
  }
  const interlacing = check.manifest.source.interlacing as { fieldOrder?: string; coding?: string[] } | undefined;
  if (
    JSON.stringify(interlacing && { fieldOrder: interlacing.fieldOrder, coding: interlacing.coding }) !== JSON.stringify(want ?? undefined)
  )
    problems.push(`manifest source.interlacing ${JSON.stringify(interlacing)}, expected ${JSON.stringify(want)}`);
  // The open-GOP capture cut mid-GOP has no IDR picture, and Chromium's VideoDecoder starts only at IDR pictures
  // (w3c/webcodecs#650): WebCodecs refuses its times and ffmpeg.wasm, which starts at a recovery point, decodes them.
  const noIdr = recipe.cutFrom !== undefined && recipe.codec === 'h264';
  const wanted = decoder === 'ffmpeg' || noIdr ? 'ffmpeg.wasm' : 'webcodecs';
  if (check.manifest.decoder !== wanted) problems.push(`manifest.decoder ${check.manifest.decoder}, expected ${wanted}`);
  problems.push(...check.problems);
  const cell =
    `${decoder} ${recipe.name} (${recipe.what}), deinterlace ${deinterlace}: ${problems.length === 0 ? 'pass' : 'FAIL'} ` +
    check.rows
      .map((r, i) => `${r.requestedMs}->${r.actualMs} d0 ${r.d0}${deinterlaced ? ` (woven ${woven[i]?.toFixed(2)})` : ''}`)
      .join(', ');
  console.log(`interlaced: ${cell}`);
  testInfo.annotations.push({ type: 'interlaced', description: cell });
  return problems.map((p) => `${recipe.name}: ${p}`);
}

/**
 * Each image's distance (mean absolute difference, 0-255) from native ffmpeg's woven frame at its time (as decoded, no
 * deinterlacing): a deinterlaced image must be nearer its bwdif frame (its d0) than this, as one that was not
 * deinterlaced would not be.
 */
async function wovenDistances(
  zipPath: string,
  file: string,
  rows: ReadonlyArray<{ name: string; expectedIndex: number }>,
  width: number,
  height: number,
): Promise<number[]> {
  const zip = await ZipArchive.open(zipPath);
  const woven = await referenceFrames(
    file,
    rows.map((r) => r.expectedIndex),
    width,
    height,
  );
  const distances: number[] = [];
  for (const row of rows) {
    const out = decodeJpeg(await zip.bytes(row.name));
    distances.push(meanAbsDiff(out, rgbImage(width, height, woven.get(row.expectedIndex)!)));
  }
  return distances;
}

/**
 * Frame type keyframe with Deinterlace Auto: at the second keyframe (about 1 s) and half a second after it, both images must
 * be that keyframe deinterlaced from its neighbours in the stream (native ffmpeg's whole-stream bwdif frame), labelled
 * with its time: the keyframe recipes decode keyframes only, so the neighbours are decoded apart.
 */
async function keyframeRun(app: SnapframePage, recipe: ClipRecipe): Promise<string[]> {
  const file = await makeClip(recipe);
  const ref = await probeVideo(file);
  const k = ref.frames.findIndex((t) => t >= 999);
  const keyMs = ref.frames[k]!;
  const { width, height } = recipe.outputSize ?? { width: 320, height: 240 };
  await app.chooseFile(file);
  await app.waitForProbe(recipe.name);
  await app.setOffsets(`${Math.round(keyMs)}, ${Math.round(keyMs) + 500}`);
  await app.setSize(width, height);
  await app.openMoreOptions();
  await app.page.getByRole('combobox', { name: 'Deinterlace' }).selectOption('auto');
  await app.page.getByRole('combobox', { name: 'Frame type' }).selectOption('keyframe');
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const { zipPath } = await app.downloadZip();
  await app.page.getByRole('combobox', { name: 'Frame type' }).selectOption('accurate');
  const zip = await ZipArchive.open(zipPath);
  const manifest = await zip.manifest();
  const bwdif = (await referenceFrames(file, [k], width, height, BWDIF)).get(k)!;
  const woven = (await referenceFrames(file, [k], width, height)).get(k)!;
  const problems: string[] = [];
  const rows: string[] = [];
  for (const f of manifest.files as Array<{ name: string; requestedMs: number; actualMs: number }>) {
    const out = decodeJpeg(await zip.bytes(f.name));
    const d0 = meanAbsDiff(out, rgbImage(width, height, bwdif));
    const dWoven = meanAbsDiff(out, rgbImage(width, height, woven));
    rows.push(`${f.requestedMs}->${f.actualMs} d0 ${d0.toFixed(2)} (woven ${dWoven.toFixed(2)})`);
    if (Math.abs(f.actualMs - keyMs) > 1) problems.push(`${f.name}: actualMs ${f.actualMs}, the keyframe is at ${keyMs}`);
    if (!(d0 <= D0_MAX && d0 < dWoven)) problems.push(`${f.name}: not the deinterlaced keyframe (${rows.at(-1)})`);
  }
  console.log(`interlaced: keyframe mode ${recipe.name}: ${rows.join(', ')}`);
  return problems.map((p) => `${recipe.name} (keyframe mode): ${p}`);
}

for (const decoder of ['ffmpeg', 'webcodecs'] as const) {
  test(`${decoder}: interlaced H.264 (MBAFF)${decoder === 'ffmpeg' ? ' and MPEG-2' : ''}, both field orders, TS, MP4, MKV and MOV, and cut mid-GOP: field order reported, every image native ffmpeg's frame, deinterlaced (bwdif) by default and woven with Deinterlace Off; a progressive 10-bit VP9 with Deinterlace On`, async ({
    app,
  }, testInfo) => {
    test.setTimeout(300_000);
    await app.page.goto(`/?decoder=${decoder}`);
    // The MKV and MOV copies matter most where mediabunny demuxes them (WebCodecs); ffmpeg.wasm gets the MPEG-2 one.
    const remuxed = INTERLACED_REMUX_CLIPS.filter((r) => decoder === 'webcodecs' || r.codec === 'mpeg2');
    const recipes = [...INTERLACED_CLIPS, ...remuxed, ...INTERLACED_CUT_CLIPS, MIXED_SCAN_CLIP].filter(
      (r) => decoder === 'ffmpeg' || r.codec === 'h264',
    );
    const problems: string[] = [];
    // Deinterlace On for a progressive 10-bit clip: the 10-bit planes through the deinterlacer, the top field kept.
    const runs = [
      ...recipes.map((r) => [r, 'auto'] as const),
      [recipes[0]!, 'off'] as const,
      [{ ...VP9_10BIT_CLIP, outputSize: { width: 320, height: 180 } }, 'on'] as const,
    ];
    for (const [recipe, deinterlace] of runs) {
      const found = await runClip(app, decoder, recipe, deinterlace, testInfo).catch((error: unknown) => [
        `${recipe.name} (deinterlace ${deinterlace}): ${error instanceof Error ? error.message : String(error)}`,
      ]);
      problems.push(...found);
    }
    // The open-GOP clip: its keyframes after the first are recovery points (non-IDR I pictures, MBAFF), which
    // WebCodecs decodes alone rewritten as IDR pictures (core/h264/avcRecoveryPoint.ts).
    problems.push(
      ...(await keyframeRun(
        app,
        recipes.find((r) => r.name === 'h264-interlaced-tff.ts')!,
      )),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });
}
