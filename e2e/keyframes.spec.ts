/**
 * Frame type keyframe on open-GOP H.264 (x264 `open-gop`: the first picture is the only IDR picture, every later GOP
 * opens at an I picture with a recovery point SEI). Native ffmpeg marks those I pictures key frames (ffprobe
 * `key_frame`, the oracle: support/keyframes.ts), so the keyframe at or before a time is the last of them, not the
 * first picture of the file. Each image must be that keyframe (labelled with its time, and native ffmpeg's frame
 * there) on both decoders; WebCodecs, whose decoder starts only at IDR pictures, decodes each recovery point alone
 * rewritten as an IDR picture (core/h264/avcRecoveryPoint.ts).
 */
import type { TestInfo } from '@playwright/test';
import type { SnapframePage } from './support/app';
import { makeClip, matrixClips, type ClipRecipe } from './support/clips';
import { expect, test } from './support/fixtures';
import { compareWithFrames } from './support/frameMatch';
import { decodeJpeg } from './support/images';
import { keyframeAtOrBefore, probeKeyframes } from './support/keyframes';
import { frameIndexAt, probeVideo } from './support/reference';
import { ZipArchive } from './support/zip';

const CONTAINERS = { webcodecs: ['ts', 'mp4', 'mkv'], ffmpeg: ['ts', 'mp4'] } as const;

/** One clip in keyframe mode on the open page; returns its problems. */
async function keyframeRun(app: SnapframePage, decoder: string, recipe: ClipRecipe, testInfo: TestInfo): Promise<string[]> {
  const file = await makeClip(recipe);
  const ref = await probeVideo(file);
  const keys = await probeKeyframes(file);
  // Before the second keyframe (the first picture), and past the second and the third (recovery points).
  const times = [Math.round(keys[1]! - 100), Math.round(keys[1]! + 500), Math.round(keys[2]! + 300)];
  const wanted = times.map((t) => keyframeAtOrBefore(keys, t));
  await app.chooseFile(file);
  await app.waitForProbe(recipe.name);
  await app.setOffsets(times.join(', '));
  await app.setSize(320, 180);
  await app.page.getByRole('combobox', { name: 'Frame type' }).selectOption('keyframe');
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const manifest = await zip.manifest();
  const files = manifest.files as Array<{ name: string; requestedMs: number; actualMs: number }>;
  const problems: string[] = [];
  if (manifest.decoder !== (decoder === 'ffmpeg' ? 'ffmpeg.wasm' : 'webcodecs')) problems.push(`decoder ${manifest.decoder}`);
  const items = [];
  for (const [i, f] of files.entries()) {
    if (Math.abs(f.actualMs - wanted[i]!) > 1)
      problems.push(`${f.name}: actualMs ${f.actualMs}, the keyframe at or before ${times[i]} ms is at ${wanted[i]}`);
    items.push({ label: f.name, image: decodeJpeg(await zip.bytes(f.name)), k: frameIndexAt(ref.frames, wanted[i]!) });
  }
  if (files.length !== times.length) problems.push(`${files.length} images for ${times.length} times`);
  const frames = await compareWithFrames(ref, items, { testInfo, name: `${decoder}-${recipe.name}` });
  const line = `${decoder} ${recipe.name}: ${files.map((f, i) => `${f.requestedMs}->${f.actualMs} (key ${wanted[i]!.toFixed(1)}) d0 ${frames.rows[i]?.d0}`).join(', ')}`;
  console.log(`keyframes: ${line}`);
  testInfo.annotations.push({ type: 'keyframes', description: line });
  return [...problems, ...frames.problems].map((p) => `${decoder} ${recipe.name}: ${p}`);
}

for (const decoder of ['webcodecs', 'ffmpeg'] as const) {
  test(`${decoder}: Frame type keyframe on open-GOP H.264 (${CONTAINERS[decoder].join(', ')}): each image is the recovery point or IDR picture at or before its time, as native ffmpeg marks keyframes`, async ({
    app,
  }, testInfo) => {
    test.setTimeout(180_000);
    await app.page.goto(`/?decoder=${decoder}`);
    const recipes = matrixClips().filter(
      (r) => r.codec === 'h264' && r.name.startsWith('h264-open-gop.') && (CONTAINERS[decoder] as readonly string[]).includes(r.container),
    );
    expect(recipes).toHaveLength(CONTAINERS[decoder].length);
    const problems: string[] = [];
    for (const recipe of recipes) problems.push(...(await keyframeRun(app, decoder, recipe, testInfo)));
    expect(problems, problems.join('\n')).toEqual([]);
  });
}
