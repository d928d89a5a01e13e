/**
 * Interlaced sources (support/clips.ts INTERLACED_CLIPS): H.264 MBAFF and MPEG-2 interlaced frame pictures, top and
 * bottom field first, in MPEG-TS and MP4, and MPEG-TS cut in the middle of a GOP. For each, as a person does: choose
 * the file, read the video details ("Scan"), ask for three times, download the zip; the manifest's
 * `source.interlacing` must give the field order and coding ffprobe and the encoder agree on, and every image must be
 * native ffmpeg's frame at its time, both fields woven (no deinterlacing). On both decoders where the browser decodes
 * the codec (H.264; MPEG-2 is ffmpeg.wasm's only). The H.264 stand-ins and the skipping of non-reference pictures
 * (docs/ENGINE.md) step aside for field-coded streams, so WebCodecs decodes every picture of them.
 */
import type { TestInfo } from '@playwright/test';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import type { SnapframePage } from './support/app';
import { INTERLACED_CLIPS, INTERLACED_CUT_CLIPS, makeClip, type ClipRecipe } from './support/clips';
import { expect, test } from './support/fixtures';
import { probeVideo } from './support/reference';

type Decoder = 'ffmpeg' | 'webcodecs';

/**
 * Three times: 1 ms before the frame at 1 s (the second H.264 keyframe; mid-GOP in MPEG-2), half-way between two
 * frames in the second second, 1 ms after a frame near the end. A cut clip: 0 (before its first keyframe) instead of
 * the first.
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
    { text: String(between), ms: between, why: `between frames ${mid} and ${mid + 1}` },
    { text: String(Math.floor(f[late]!) + 1), ms: Math.floor(f[late]!) + 1, why: `1 ms after frame ${late}` },
  ];
}

/** The field order and coding the recipe was made with. */
function expectedInterlacing(recipe: ClipRecipe): { fieldOrder: string; coding: string[] } {
  const fieldOrder = recipe.name.includes('-bff') ? 'bff' : 'tff';
  return { fieldOrder, coding: [recipe.codec === 'h264' ? 'mbaff' : 'frame'] };
}

async function runClip(app: SnapframePage, decoder: Decoder, recipe: ClipRecipe, testInfo: TestInfo): Promise<string[]> {
  const file = await makeClip(recipe);
  const offsets = await timesFor(recipe, file);
  const { width, height } = recipe.outputSize ?? { width: 320, height: 240 };
  const problems: string[] = [];
  await app.chooseFile(file);
  const details = await app.waitForProbe(recipe.name);
  const want = expectedInterlacing(recipe);
  const order = want.fieldOrder === 'tff' ? 'top field first' : 'bottom field first';
  if (!details.Scan?.includes(order)) problems.push(`details say Scan ${JSON.stringify(details.Scan)}, expected "${order}"`);
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(width, height);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const alerts = await job.alertTexts();
  if (alerts.length > 0) problems.push(`the finished job shows ${JSON.stringify(alerts)}`);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const check = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width, height });
  const interlacing = check.manifest.source.interlacing as { fieldOrder?: string; coding?: string[] } | undefined;
  if (interlacing?.fieldOrder !== want.fieldOrder || JSON.stringify(interlacing.coding) !== JSON.stringify(want.coding))
    problems.push(`manifest source.interlacing ${JSON.stringify(interlacing)}, expected ${JSON.stringify(want)}`);
  // The open-GOP capture cut mid-GOP has no IDR picture, and Chromium's VideoDecoder starts only at IDR pictures
  // (w3c/webcodecs#650): WebCodecs refuses its times and ffmpeg.wasm, which starts at a recovery point, decodes them.
  const noIdr = recipe.cutFrom !== undefined && recipe.codec === 'h264';
  const wanted = decoder === 'ffmpeg' || noIdr ? 'ffmpeg.wasm' : 'webcodecs';
  if (check.manifest.decoder !== wanted) problems.push(`manifest.decoder ${check.manifest.decoder}, expected ${wanted}`);
  problems.push(...check.problems);
  const cell =
    `${decoder} ${recipe.name} (${recipe.what}): ${problems.length === 0 ? 'pass' : 'FAIL'} ` +
    check.rows.map((r) => `${r.requestedMs}->${r.actualMs} d0 ${r.d0}`).join(', ');
  console.log(`interlaced: ${cell}`);
  testInfo.annotations.push({ type: 'interlaced', description: cell });
  return problems.map((p) => `${recipe.name}: ${p}`);
}

for (const decoder of ['ffmpeg', 'webcodecs'] as const) {
  test(`${decoder}: interlaced H.264 (MBAFF)${decoder === 'ffmpeg' ? ' and MPEG-2' : ''}, both field orders, TS and MP4, and cut mid-GOP: field order reported, every image native ffmpeg's frame`, async ({
    app,
  }, testInfo) => {
    test.setTimeout(300_000);
    await app.page.goto(`/?decoder=${decoder}`);
    const recipes = [...INTERLACED_CLIPS, ...INTERLACED_CUT_CLIPS].filter((r) => decoder === 'ffmpeg' || r.codec === 'h264');
    const problems: string[] = [];
    for (const recipe of recipes) {
      const found = await runClip(app, decoder, recipe, testInfo).catch((error: unknown) => [
        `${recipe.name}: ${error instanceof Error ? error.message : String(error)}`,
      ]);
      problems.push(...found);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
}
