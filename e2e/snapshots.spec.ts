/**
 * Exact snapshots on real files (H.264 with B-frames, VP9, Indeo, MPEG-2 in TS with a non-zero start, rotation
 * metadata, 4:3, HEVC with an edit list, QuickTime):
 * choose the file, type ~10 times in every format, create the job, download the zip, and compare every image with
 * the frame native ffmpeg decodes at that time (docs/SPEC.md "Times": the last frame at or before t).
 * Some of the files the browser decodes (flower.mp4, the WebM, the QuickTime file) run on WebCodecs, then the same job
 * again on ffmpeg.wasm (forced), and the two paths must give the same frames (support/decoderPaths.ts).
 */
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { expectSamePaths, runPathJob } from './support/decoderPaths';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import { offsetCasesFor } from './support/offsets';
import { probeVideo, type ReferenceVideo } from './support/reference';

interface Case {
  file: string;
  /** What is typed in Width / Height (undefined: empty). */
  width?: number;
  height?: number;
  /** The output size the images must have. */
  expect: (v: ReferenceVideo) => { width: number; height: number };
  /** Log the time from "Create snapshots" to Finished. */
  timing?: boolean;
  /** Extra times (beyond the generated ten). */
  extra?: (v: ReferenceVideo) => OffsetCase[];
  timeoutMs?: number;
  /** The browser decodes it: the job runs on WebCodecs, then again on ffmpeg.wasm, and the paths must agree. */
  bothDecoders?: boolean;
}

const CASES: Case[] = [
  { file: MEDIA.flower, width: 320, expect: () => ({ width: 320, height: 180 }), timing: true, bothDecoders: true },
  { file: MEDIA.bunnyWebm, expect: (v) => ({ width: v.displayWidth, height: v.displayHeight }), bothDecoders: true },
  { file: MEDIA.indeoAvi, expect: (v) => ({ width: v.displayWidth, height: v.displayHeight }) },
  {
    file: MEDIA.mpeg2Ts,
    width: 320,
    expect: () => ({ width: 320, height: 180 }),
    timing: true,
    timeoutMs: 180_000,
  },
  // WebCodecs only: ffmpeg.wasm's rotation is checked by the clip matrix's rotated MP4 and hdr.spec.ts's rotated HDR10
  // video, its H.264 by the matrix and flower.mp4 here (a second pass at 720x1280 cost 45 s of the suite).
  { file: MEDIA.rotated, expect: () => ({ width: 720, height: 1280 }), timeoutMs: 240_000 },
  { file: MEDIA.friday, height: 240, expect: () => ({ width: 320, height: 240 }) },
  // HEVC (no native decoder in this Chromium), an edit list, rotation -90: 1080x1920 displayed.
  { file: MEDIA.hevcEditList, width: 320, expect: () => ({ width: 320, height: 569 }), timeoutMs: 240_000 },
  // QuickTime .mov with B-frames and PCM audio.
  { file: MEDIA.mov, width: 480, expect: () => ({ width: 480, height: 270 }), timeoutMs: 240_000, bothDecoders: true },
];

/** Codec words the "Video details" row must show, per ffprobe codec_name. */
const CODEC_WORDS: Record<string, RegExp> = {
  h264: /h\.?264|avc/i,
  vp9: /vp9/i,
  indeo4: /indeo/i,
  mpeg2video: /mpeg-?2/i,
  hevc: /hevc|h\.?265/i,
};

for (const c of CASES) {
  test(`${c.file}: every snapshot is the frame displayed at its time`, async ({ app }, testInfo) => {
    test.setTimeout(c.timeoutMs ?? (c.bothDecoders ? 240_000 : 120_000));
    const file = mediaPath(c.file);
    const ref = await probeVideo(file);
    const size = c.expect(ref);
    const offsets = offsetCasesFor(ref, 10);
    if (c.extra) offsets.push(...c.extra(ref));
    const typed = offsets.map((o) => o.text).join(', ');
    testInfo.annotations.push({ type: 'offsets', description: offsets.map((o) => `${o.text} (${o.why})`).join('; ') });

    await app.open();
    await app.chooseFile(file);
    const details = await app.waitForProbe(c.file);
    expect(details['Name']).toBe(c.file);
    expect(details['Resolution']).toContain(`${ref.displayWidth} × ${ref.displayHeight}`);
    expect(details['Codec']).toMatch(CODEC_WORDS[ref.codec] ?? new RegExp(ref.codec, 'i'));
    for (const row of ['Size', 'Duration', 'Frame rate']) expect(details[row], row).toBeTruthy();

    await app.setOffsets(typed);
    await app.setSize(c.width, c.height);
    const job = await app.createSnapshots();
    const elapsed = await job.waitForStatus('Finished', (c.timeoutMs ?? 120_000) - 20_000);
    const n = new Set(offsets.map((o) => o.text)).size;
    await expect.soft(job.statusMessage).toContainText(new RegExp(`Finished: ${n} snapshots of ${c.file.replace(/\./g, '\\.')} in `));
    expect.soft(await job.progress()).toEqual({ done: n, total: n });
    expect.soft(await job.alertTexts(), 'a finished job shows no warning').toEqual([]);
    await expect.soft(app.snapshotItems).toHaveCount(n);
    // Each result is labelled with its requested time and the actual frame time (two m:ss.mmm times).
    for (const text of await app.snapshotItems.allInnerTexts()) {
      expect.soft(text, 'snapshot label shows requested and actual time').toMatch(/\d:\d\d\.\d{3}[\s\S]*\d:\d\d\.\d{3}/);
    }
    if (c.timing) {
      const line = `timing: ${c.file} ${n} offsets: ${elapsed} ms`;
      console.log(line);
      testInfo.annotations.push({ type: 'timing', description: line });
    }

    const { zipPath, suggestedFilename } = await app.downloadZip();
    const result = await checkSnapshotZip({
      testInfo,
      zipPath,
      suggestedFilename,
      sourceFile: file,
      offsets,
      width: size.width,
      height: size.height,
    });
    const worst = Math.max(...result.rows.map((r) => r.d0));
    testInfo.annotations.push({ type: 'accuracy', description: `${result.rows.length} images, worst d0 ${worst.toFixed(2)}` });
    expect(result.problems, `accuracy problems (see accuracy.json):\n${result.problems.join('\n')}`).toEqual([]);

    if (c.bothDecoders) {
      const decoderText = (await job.item.getByText(/decoder:/).innerText()).trim();
      const browser = { check: result, zipPath, elapsedMs: elapsed, decoderText };
      const wasm = await runPathJob(app, testInfo, 'ffmpeg', {
        file,
        name: c.file,
        offsets,
        size: { width: c.width, height: c.height },
        expected: size,
      });
      await expectSamePaths(testInfo, `${c.file} ${offsets.length} offsets at ${size.width}x${size.height}`, browser, wasm);
    }
  });
}
