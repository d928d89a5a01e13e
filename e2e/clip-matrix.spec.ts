/**
 * The clip matrix: the kinds of file people actually have, made at test time (support/clips.ts), each run
 * through the app as a person does (choose the file, type three times, Create snapshots, Download zip) on both
 * decoders, and every image checked against native ffmpeg's frame (support/accuracy.ts): {H.264, HEVC} x {MP4, MOV,
 * MKV, MPEG-TS} x {no B-frames, B-frames, B-pyramid, open GOP}, HEVC in MPEG-TS from 0 and from 16.8 s, a live MKV
 * without Duration or Cues, an MP4 whose video starts after its audio, raw H.264/HEVC/MPEG-2 streams and VP9 in IVF
 * (ffmpeg.wasm), an AVIF sequence (WebCodecs) and the AV1 sentence where no decoder takes it. HEVC runs on WebCodecs only where this
 * browser's VideoDecoder says it decodes it (`isConfigSupported`); Debian's Chromium does not.
 * One page per group of clips, jobs one after another, so the matrix pays the engine's start-up once per group.
 */
import type { TestInfo } from '@playwright/test';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import type { SnapframePage } from './support/app';
import {
  AV1_IVF_CLIP,
  AVIF_CLIP,
  CLIP_CODECS,
  CLIP_CONTAINERS,
  clipKeyframes,
  CUT_CLIP,
  CUT_CLIP_H264,
  EXTRA_CLIPS,
  makeClip,
  matrixClips,
  RAW_CLIPS,
  ROTATED_LATE_CLIP,
  VP9_10BIT_CLIP,
  type ClipCodec,
  type ClipRecipe,
} from './support/clips';
import { expect, test } from './support/fixtures';
import { compareWithFrames } from './support/frameMatch';
import { decodeJpeg } from './support/images';
import { FRAME_TIME_EPSILON_MS, frameIndexAt, probeVideo } from './support/reference';
import { ZipArchive } from './support/zip';

type Decoder = 'ffmpeg' | 'webcodecs';
const DECODERS: readonly Decoder[] = ['ffmpeg', 'webcodecs'];
const WIDTH = 320;
const HEIGHT = 180;

/**
 * Three times that each need something of the decoder: the frame just before the second keyframe (1 ms before it:
 * in an open GOP a leading picture that needs the GOP before; in MPEG-TS where a seek lands mid-GOP), a time between
 * two frames in the middle of the second GOP, and 1 ms after a frame in the last GOP. The late-video MP4 and the live
 * MKV swap the first for 0 / half-way between the first two frames and for 50 % (the duration the app found).
 */
async function timesFor(recipe: ClipRecipe, file: string): Promise<OffsetCase[]> {
  const ref = await probeVideo(file);
  const f = ref.frames;
  const keys = (await clipKeyframes(file)).filter((k) => k > f[0]! + 1);
  const secondKey = keys[0] ?? f[Math.floor(f.length / 2)]!;
  const k2 = f.findIndex((t) => t >= secondKey - FRAME_TIME_EPSILON_MS);
  const mid = Math.min(f.length - 2, k2 + Math.round(f.length * 0.18));
  const late = f.length - 6;
  const cases: OffsetCase[] = [
    { text: String(Math.ceil(f[k2]! - 1)), ms: Math.ceil(f[k2]! - 1), why: `1 ms before the second keyframe (frame ${k2})` },
    {
      text: String(Math.round((f[mid]! + f[mid + 1]!) / 2)),
      ms: Math.round((f[mid]! + f[mid + 1]!) / 2),
      why: `between frames ${mid} and ${mid + 1}`,
    },
    { text: String(Math.floor(f[late]!) + 1), ms: Math.floor(f[late]!) + 1, why: `1 ms after frame ${late}` },
  ];
  if (recipe.name.includes('late-video')) {
    const between = Math.round((f[0]! + f[1]!) / 2);
    const before2 = Math.ceil(f[2]! - 1);
    return [
      { text: '0', ms: 0, why: 'zero: before the first video frame' },
      { text: String(between), ms: between, why: 'between frames 0 and 1' },
      { text: String(before2), ms: before2, why: '1 ms before frame 2' },
      { text: String(Math.round(f[3]!)), ms: Math.round(f[3]!), why: 'a third of a ms before frame 3' },
      { text: '1000', ms: 1000, why: 'exactly on frame 22 (pts 1.000 s: 24 frames of 1/24 s after 0)' },
      { text: '1.5s', ms: 1500, why: 'between frames 34 and 35' },
      { text: '2000', ms: 2000, why: 'exactly on frame 46' },
    ];
  }
  if (recipe.cutFrom) {
    // Before the first keyframe (native ffmpeg lists no frame there: the first frame is the keyframe), and after.
    return [
      { text: '0', ms: 0, why: 'zero' },
      { text: String(Math.round(f[0]! / 2)), ms: Math.round(f[0]! / 2), why: 'before the first keyframe' },
      cases[2]!,
    ];
  }
  if (RAW_CLIPS.includes(recipe)) {
    // Frame n is at exactly n / rate: 1000 ms is frame 24 (24 fps) or 25 (ffmpeg's default 25 fps), on the frame.
    return [
      ...cases,
      { text: '1000', ms: 1000, why: 'exactly on a frame (n / rate)' },
      { text: '50%', percent: 50, why: '50 % of the frames × the frame duration' },
    ];
  }
  if (recipe.name.includes('live'))
    return [cases[0]!, { text: '50%', percent: 50, why: '50% of the duration found from the packets' }, cases[2]!];
  return cases;
}

/** Whether this browser's VideoDecoder decodes the codec (HEVC: not in Debian's Chromium). */
async function browserDecodes(app: SnapframePage, codec: ClipCodec): Promise<boolean> {
  const config = codec === 'h264' ? 'avc1.64001e' : codec === 'av1' ? 'av01.0.04M.08' : 'hvc1.1.6.L93.B0';
  return app.page.evaluate(
    async (c) =>
      typeof VideoDecoder !== 'undefined' &&
      ((await VideoDecoder.isConfigSupported({ codec: c, codedWidth: 320, codedHeight: 180 })).supported ?? false),
    config,
  );
}

/** Dense times: half-way between every two frames of the first two GOPs (48 times, each a different frame). */
async function denseTimes(file: string): Promise<OffsetCase[]> {
  const f = (await probeVideo(file)).frames;
  return f.slice(0, 48).map((t, i) => {
    const ms = Math.round((t + f[i + 1]!) / 2);
    return { text: String(ms), ms, why: `between frames ${i} and ${i + 1}` };
  });
}

/**
 * One clip as a job on the open page; returns its problems (empty when every image is the right frame).
 * @param times the times to ask for (default {@link timesFor})
 */
async function runClip(
  app: SnapframePage,
  decoder: Decoder,
  recipe: ClipRecipe,
  testInfo: TestInfo,
  times?: (file: string) => Promise<OffsetCase[]>,
): Promise<string[]> {
  const file = await makeClip(recipe);
  const offsets = await (times ? times(file) : timesFor(recipe, file));
  const { width, height } = recipe.outputSize ?? { width: WIDTH, height: HEIGHT };
  await app.chooseFile(file);
  const details = await app.waitForProbe(recipe.name);
  const problems: string[] = [];
  if (RAW_CLIPS.includes(recipe) && recipe.container !== 'ivf') {
    // The video details say where a raw stream's rate comes from: it places every time.
    const rate = recipe.name.includes('untimed')
      ? "25 fps (a raw stream that declares no rate: ffmpeg's default)"
      : '24 fps (a raw stream: its own timing)';
    if (details['Frame rate'] !== rate)
      problems.push(`${recipe.name}: the details say "${details['Frame rate']}" for the frame rate, not "${rate}"`);
  }
  await app.setOffsets(offsets.map((o) => o.text).join(', '));
  await app.setSize(width, height);
  const job = await app.createSnapshots();
  try {
    await job.waitForStatus('Finished', 90_000);
  } catch (error) {
    return [`${recipe.name}: ${String(error instanceof Error ? error.message : error)}`];
  }
  const alerts = await job.alertTexts();
  if (alerts.length > 0) problems.push(`${recipe.name}: the finished job shows ${JSON.stringify(alerts)}`);
  const { zipPath, suggestedFilename } = await app.downloadZip();
  const check = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width, height });
  const wanted = decoder === 'ffmpeg' ? 'ffmpeg.wasm' : 'webcodecs';
  if (check.manifest.decoder !== wanted) problems.push(`${recipe.name}: manifest.decoder ${check.manifest.decoder}, expected ${wanted}`);
  problems.push(...check.problems.map((p) => `${recipe.name}: ${p}`));
  const cell =
    `${decoder} ${recipe.name} (${recipe.what}${times ? ', dense times' : ''}): ${problems.length === 0 ? 'pass' : 'FAIL'} ` +
    check.rows.map((r) => `${r.requestedMs}->${r.actualMs} d0 ${r.d0}`).join(', ');
  console.log(`clip matrix: ${cell}`);
  testInfo.annotations.push({ type: 'clip matrix', description: cell });
  return problems;
}

/**
 * One page, the given clips one after another.
 * @param query more of the page URL's query (e.g. `&workers=1`)
 */
async function runGroup(
  app: SnapframePage,
  decoder: Decoder,
  recipes: readonly ClipRecipe[],
  testInfo: TestInfo,
  query = '',
): Promise<void> {
  await app.page.goto(`/?decoder=${decoder}${query}`);
  const problems: string[] = [];
  for (const recipe of recipes) {
    // One clip's failure (a refused probe, a failed job) is reported with the others', not instead of them.
    const found = await runClip(app, decoder, recipe, testInfo).catch((error: unknown) => [
      `${recipe.name}: ${error instanceof Error ? error.message : String(error)}`,
    ]);
    if (found.length > 0) console.log(`clip matrix: ${decoder} ${recipe.name} (${recipe.what}): FAIL ${found[0]}`);
    problems.push(...found);
  }
  expect(problems, problems.join('\n')).toEqual([]);
}

/**
 * MOV on ffmpeg.wasm is left out: ffmpeg reads MOV and MP4 with one demuxer (`mov,mp4,m4a,3gp,3g2,mj2`), and the MOV
 * clips are the MP4 clips' streams copied under another brand, so they would repeat the MP4 groups' decodes (about 70 s
 * of the suite). WebCodecs keeps them (mediabunny's own reading of the QuickTime brand); so do the real QuickTime files of
 * snapshots.spec.ts on both decoders.
 */
const SKIPPED: ReadonlyArray<readonly [Decoder, string]> = [['ffmpeg', 'mov']];

for (const decoder of DECODERS) {
  for (const codec of CLIP_CODECS) {
    for (const container of CLIP_CONTAINERS) {
      if (SKIPPED.some(([d, c]) => d === decoder && c === container)) continue;
      test(`${decoder}: ${codec} in ${container}, every GOP structure, is the frame native ffmpeg shows`, async ({ app }, testInfo) => {
        test.setTimeout(240_000);
        await app.open();
        if (decoder === 'webcodecs') {
          test.skip(!(await browserDecodes(app, codec)), `this browser's VideoDecoder does not decode ${codec} (isConfigSupported)`);
        }
        await runGroup(
          app,
          decoder,
          matrixClips().filter((r) => r.codec === codec && r.container === container),
          testInfo,
        );
      });
    }
  }
  test(`${decoder}: a rotated late-video B-pyramid MP4, sparse and dense times, one and two job workers: every picture is its label's frame`, async ({
    app,
  }, testInfo) => {
    test.setTimeout(300_000);
    const problems: string[] = [];
    for (const workers of [1, 2]) {
      await app.page.goto(`/?decoder=${decoder}&workers=${workers}`);
      for (const times of [undefined, denseTimes]) {
        const found = await runClip(app, decoder, ROTATED_LATE_CLIP, testInfo, times).catch((error: unknown) => [
          `${ROTATED_LATE_CLIP.name}: ${error instanceof Error ? error.message : String(error)}`,
        ]);
        problems.push(...found.map((p) => `${workers} worker(s), ${times ? 'dense' : 'sparse'} times: ${p}`));
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
  test(`${decoder}: 10-bit VP9 (profile 2) in WebM is the frame native ffmpeg shows, in its colours`, async ({ app }, testInfo) => {
    test.setTimeout(180_000);
    await runGroup(app, decoder, [VP9_10BIT_CLIP], testInfo);
  });
  test(`${decoder}: HEVC in MPEG-TS from 0 and 16.8 s, a live MKV, video after audio`, async ({ app }, testInfo) => {
    test.setTimeout(240_000);
    await app.open();
    const hevc = decoder === 'ffmpeg' || (await browserDecodes(app, 'hevc'));
    await runGroup(
      app,
      decoder,
      [...EXTRA_CLIPS, CUT_CLIP_H264].filter((r) => r.codec === 'h264' || hevc),
      testInfo,
      // Two job workers: the keyframe read for sharding must not disturb the decoding pass on a Cue-less MKV
      // (webcodecs/source.ts keyframesAt).
      '&workers=2',
    );
  });
}

test('ffmpeg.wasm: raw H.264, HEVC (timed, and untimed: 25 fps) and MPEG-2 streams and VP9 in IVF: duration from the frames, times and percentages exact', async ({
  app,
}, testInfo) => {
  // WebCodecs refuses them (no container mediabunny reads), so with any decoder setting ffmpeg.wasm decodes them.
  test.setTimeout(300_000);
  await runGroup(app, 'ffmpeg', RAW_CLIPS, testInfo);
});

test('WebCodecs: an AVIF sequence (AV1) and AV1 in IVF (remuxed to MP4 in memory) are the frames native ffmpeg shows; forced to ffmpeg.wasm, which has no AV1 decoder, the job fails with a sentence naming AV1', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  await app.open();
  test.skip(!(await browserDecodes(app, 'av1')), "this browser's VideoDecoder does not decode AV1 (isConfigSupported)");
  await runGroup(app, 'webcodecs', [AVIF_CLIP, AV1_IVF_CLIP], testInfo);
  await app.page.goto('/?decoder=ffmpeg');
  await app.chooseFile(await makeClip(AVIF_CLIP));
  await app.waitForProbe(AVIF_CLIP.name);
  await app.setOffsets('500');
  const job = await app.createSnapshots();
  await job.waitForStatus('Failed', 60_000);
  const said = (await job.alertTexts()).join('\n');
  expect(said).toMatch(
    /AV1 in av1-sequence\.avif cannot be decoded here: ffmpeg\.wasm has no AV1 decoder, and the browser's decoder cannot take it \(the decoder is set to ffmpeg\.wasm only\)/,
  );
  expect(said, 'no crash reaches the user').not.toMatch(/RuntimeError|table index/);
  console.log(`clip matrix: ffmpeg ${AVIF_CLIP.name}: "${said.slice(0, 160)}…"`);
});

test('ffmpeg.wasm: a file cut in the middle of a GOP gives no grey garbage: those times are skipped with a sentence', async ({
  app,
}, testInfo) => {
  test.setTimeout(120_000);
  const file = await makeClip(CUT_CLIP);
  const ref = await probeVideo(file);
  const keys = await clipKeyframes(file);
  const firstKey = keys.find((k) => k > ref.frames[0]! + 1)!;
  // Before the first keyframe every picture lacks references (native ffmpeg outputs them grey); after it, the video.
  const garbageMs = [0, Math.round(firstKey / 2)];
  const goodMs = Math.round(firstKey + 300);
  await app.page.goto('/?decoder=ffmpeg');
  await app.chooseFile(file);
  await app.waitForProbe(CUT_CLIP.name);
  await app.setOffsets([...garbageMs, goodMs].join(', '));
  await app.setSize(WIDTH, HEIGHT);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const alerts = (await job.alertTexts()).join('\n');
  expect(alerts, 'the job card says which times could not be decoded, and why').toMatch(/2 times could not be decoded/);
  expect(alerts).toMatch(/Could not find ref with POC|damaged picture/);
  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const manifest = await zip.manifest();
  expect(
    (manifest.skipped ?? []).map((s) => s.requestedMs),
    'manifest.skipped',
  ).toEqual(garbageMs);
  for (const s of manifest.skipped ?? [])
    expect(s.reason, `reason for ${s.requestedMs} ms`).toMatch(/ffmpeg says "Could not find ref with POC/);
  expect(manifest.files.map((f) => f.requestedMs)).toEqual([goodMs]);
  const made = manifest.files[0]!;
  const k = frameIndexAt(ref.frames, goodMs);
  expect(Math.abs(made.actualMs - ref.frames[k]!), `actualMs ${made.actualMs} vs frame #${k}`).toBeLessThanOrEqual(1);
  const { problems } = await compareWithFrames(ref, [{ label: made.name, image: decodeJpeg(await zip.bytes(made.name)), k }], {
    testInfo,
    name: 'cut',
  });
  expect(problems, problems.join('\n')).toEqual([]);
  console.log(
    `clip matrix: ffmpeg ${CUT_CLIP.name}: skipped ${garbageMs.join(', ')} ms (${manifest.skipped?.[0]?.reason.slice(0, 120)}…), ${goodMs} -> ${made.actualMs}`,
  );
});
