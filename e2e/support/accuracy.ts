/**
 * Checks a downloaded snapshot zip against native ffmpeg: names, manifest, image sizes, and that every image is the
 * frame docs/SPEC.md "Times" asks for (the last frame at or before the requested time).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import { decodeJpeg, isBlank, looksLikeJpeg, lumaStdDev, meanAbsDiff, rgbImage, writePng, type RgbImage } from './images';
import { baseName } from './media';
import { frameIndexAt, probeVideo, referenceFrames, type ReferenceVideo } from './reference';
import { ZipArchive, type ManifestFile, type SnapshotManifest } from './zip';

/**
 * Largest mean absolute difference (0-255 per sample) between an output JPG and the native ffmpeg frame it should
 * be. Measured: JPG q85 (jpeg-js) of the exact frame, with swscale bicubic/bilinear/area/lanczos scaling, gives
 * 0.3-4.6 on the test files (worst: Big_Buck_Bunny at 160x90); a wrong frame, a wrong rotation or a colour
 * shift gives more. Override with SNAPFRAME_D0_MAX.
 */
export const D0_MAX = Number(process.env.SNAPFRAME_D0_MAX ?? 6);

/**
 * Neighbour frames that differ from the expected frame by more than this (mean abs diff at the output size) must be
 * farther from the output than the expected frame is. Below it, the frames look alike and the test cannot tell them
 * apart. In simulation (JPG q85, four scalers) the rule held for every pair separated by more than 0.5.
 */
export const NEIGHBOUR_MIN_SEPARATION = 1.0;

/** ms tolerance between the manifest's actualMs and native ffprobe's frame time. */
export const ACTUAL_MS_TOLERANCE = 1;

/** One requested time as typed, and what it must become. */
export interface OffsetCase {
  /** What is typed into "Time offsets", e.g. `1.5s`. */
  text: string;
  /** The integer ms the app must read it as (exact); omit for percentages. */
  ms?: number;
  /** For `NN%` entries: the percentage; the expected ms is that share of the manifest's duration, ±1 ms. */
  percent?: number;
  /** Why this time is in the list (for reports), e.g. "between frames 30 and 31". */
  why?: string;
}

/** One row of the accuracy report. */
export interface AccuracyRow {
  text: string;
  why: string;
  name: string;
  requestedMs: number;
  actualMs: number;
  expectedIndex: number;
  expectedMs: number;
  d0: number;
  dPrev: number | null;
  dNext: number | null;
  sepPrev: number | null;
  sepNext: number | null;
  /** Index of the reference frame (k-1, k, k+1) closest to the output. */
  closest: number;
}

export interface ZipCheck {
  manifest: SnapshotManifest;
  rows: AccuracyRow[];
  problems: string[];
}

const pad8 = (ms: number) => String(Math.round(ms)).padStart(8, '0');
const fmt = (x: number | null) => (x === null ? '-' : x.toFixed(2));

/**
 * Opens the zip, checks names, manifest and every image, and compares every image with native ffmpeg's frames
 * k-1, k, k+1 (k = the frame displayed at the requested time).
 * Collects all problems instead of stopping at the first; attaches the table (and PNGs of mismatches) to the test.
 */
export async function checkSnapshotZip(args: {
  testInfo: TestInfo;
  zipPath: string;
  suggestedFilename: string;
  /** Absolute path of the source video. */
  sourceFile: string;
  offsets: readonly OffsetCase[];
  /** Expected output size in px. */
  width: number;
  height: number;
  /** Expected spec.quality (default 85). */
  quality?: number;
  /** Skip the frame comparison for these (e.g. many-offsets checks a sample only); default: compare all. */
  compare?: (file: ManifestFile, index: number) => boolean;
  /**
   * A video read at a URL (docs/URLS.md): outputs are named after `name` (the URL's last segment), the manifest gives
   * `source.url` = `url`, `source.size` = `size` (0 for an HLS playlist) and `bytesRead` > 0. `sourceFile` is then
   * the file whose frames the images must be (the one served, or the variant an HLS playlist was cut from).
   */
  remote?: { url: string; name: string; size: number };
  /**
   * The job's mode as manifest.json names it (default `offsets`). Other modes (e.g. `sample`, the Interval mode)
   * list their planned times in `spec.timesMs` instead of `spec.offsetsMs`.
   */
  mode?: string;
  /**
   * ffmpeg filters the reference frames go through before the scale, over the whole stream (e.g.
   * `bwdif=mode=send_frame` for deinterlaced images); default none: the frames as decoded.
   */
  referenceFilters?: string;
}): Promise<ZipCheck> {
  const { testInfo, sourceFile, width, height } = args;
  const sourceName = args.remote?.name ?? path.basename(sourceFile);
  const base = baseName(sourceName);
  const ref = await probeVideo(sourceFile);
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };

  check(
    args.suggestedFilename === `${base}_snapshots.zip`,
    `zip is named ${JSON.stringify(args.suggestedFilename)}, expected "${base}_snapshots.zip"`,
  );
  const zip = await ZipArchive.open(args.zipPath);
  const manifest = await zip.manifest();
  checkManifestHeader(manifest, ref, sourceFile, args, check);
  if (args.remote) {
    check(manifest.source?.url === args.remote.url, `source.url ${JSON.stringify(manifest.source?.url)}, expected ${args.remote.url}`);
    check(
      typeof manifest.bytesRead === 'number' && manifest.bytesRead > 0,
      `bytesRead ${JSON.stringify(manifest.bytesRead)}, expected the bytes the job read from ${args.remote.url}`,
    );
  }

  // Which requested ms each typed entry must have become.
  const mode = args.mode ?? 'offsets';
  const timesKey = mode === 'offsets' ? 'offsetsMs' : 'timesMs';
  const specTimes = (manifest.spec as Record<string, unknown>)[timesKey];
  const specTimesList: number[] = Array.isArray(specTimes) ? (specTimes as number[]) : [];
  const durationMs = manifest.source?.durationMs ?? ref.durationMs;
  const expectedMs = args.offsets.map((o) => {
    if (o.ms !== undefined) return o.ms;
    if (o.percent === undefined) throw new Error(`offset case ${o.text} needs ms or percent`);
    const want = (o.percent / 100) * durationMs;
    // The nearest planned time within 1 ms (another entry may lie 1 ms from it too).
    const hit = specTimesList.filter((ms) => Math.abs(ms - want) <= 1).sort((a, b) => Math.abs(a - want) - Math.abs(b - want))[0];
    check(hit !== undefined, `"${o.text}" (${want.toFixed(1)} ms) is not among spec.${timesKey} ${JSON.stringify(specTimes)}`);
    return hit ?? Math.round(want);
  });
  const uniqueSorted = [...new Set(expectedMs)].sort((a, b) => a - b);
  check(
    JSON.stringify(specTimes) === JSON.stringify(uniqueSorted),
    `spec.${timesKey} ${JSON.stringify(specTimes)}, expected ${JSON.stringify(uniqueSorted)}`,
  );

  const expectedNames = uniqueSorted.map((ms) => `${base}_${pad8(ms)}ms.jpg`);
  check(
    JSON.stringify([...zip.names].sort()) === JSON.stringify([...expectedNames, 'manifest.json'].sort()),
    `zip entries ${JSON.stringify(zip.names)}, expected ${JSON.stringify([...expectedNames, 'manifest.json'])}`,
  );
  check(
    manifest.files.length === uniqueSorted.length,
    `manifest.files has ${manifest.files.length} entries, expected ${uniqueSorted.length}`,
  );

  // Decode every image; find the expected frame of each.
  const outputs = new Map<string, RgbImage>();
  const wantedIndices = new Set<number>();
  const plan: Array<{ file: ManifestFile; k: number; kLabel: number; case: OffsetCase | undefined }> = [];
  for (const [i, file] of manifest.files.entries()) {
    const bytes = await zip.bytes(file.name).catch(() => null);
    if (!bytes) {
      problems.push(`manifest lists ${file.name}, which is not in the zip`);
      continue;
    }
    check(looksLikeJpeg(bytes), `${file.name} is not a JPG (starts ${bytes.subarray(0, 4).toString('hex')})`);
    check(file.bytes === bytes.length, `${file.name}: manifest bytes ${file.bytes}, file has ${bytes.length}`);
    check(
      file.name === `${base}_${pad8(file.requestedMs)}ms.jpg`,
      `${file.name} does not match its requestedMs ${file.requestedMs} (${base}_${pad8(file.requestedMs)}ms.jpg)`,
    );
    let img: RgbImage;
    try {
      img = decodeJpeg(bytes);
    } catch (error) {
      problems.push(`${file.name} does not decode: ${String(error)}`);
      continue;
    }
    check(img.width === width && img.height === height, `${file.name} is ${img.width}x${img.height}, expected ${width}x${height}`);
    check(
      file.width === img.width && file.height === img.height,
      `${file.name}: manifest says ${file.width}x${file.height}, image is ${img.width}x${img.height}`,
    );
    outputs.set(file.name, img);
    const k = frameIndexAt(ref.frames, file.requestedMs);
    const caseIndex = expectedMs.indexOf(file.requestedMs);
    // The frame the manifest's label names: the one displayed at actualMs (+1 ms for its rounding).
    const kLabel = frameIndexAt(ref.frames, file.actualMs + ACTUAL_MS_TOLERANCE);
    plan.push({ file, k, kLabel, case: caseIndex >= 0 ? args.offsets[caseIndex] : undefined });
    if (!args.compare || args.compare(file, i)) {
      for (const j of [k - 1, k, k + 1, kLabel - 1, kLabel, kLabel + 1]) if (j >= 0 && j < ref.frames.length) wantedIndices.add(j);
    }
    // Times: the frame shown at requestedMs, by native ffprobe's clock.
    const frameMs = ref.frames[k]!;
    check(
      Math.abs(file.actualMs - frameMs) <= ACTUAL_MS_TOLERANCE,
      `${file.name}: actualMs ${file.actualMs}, but the frame displayed at ${file.requestedMs} ms is #${k} at ` +
        `${frameMs.toFixed(3)} ms (previous ${ref.frames[k - 1]?.toFixed(3) ?? '-'}, next ${ref.frames[k + 1]?.toFixed(3) ?? '-'})`,
    );
    if (file.requestedMs >= ref.frames[0]!) {
      check(file.actualMs <= file.requestedMs + 0.5, `${file.name}: actualMs ${file.actualMs} is after requestedMs ${file.requestedMs}`);
    }
  }

  // Pixels: compare with native ffmpeg's frames at the output size.
  const refs = await referenceFrames(sourceFile, [...wantedIndices], width, height, args.referenceFilters);
  const refImg = (j: number) => (refs.has(j) ? rgbImage(width, height, refs.get(j)!) : null);
  const rows: AccuracyRow[] = [];
  const mismatches: Array<{ name: string; out: RgbImage; expected: RgbImage; k: number }> = [];
  for (const { file, k, kLabel, case: c } of plan) {
    const out = outputs.get(file.name);
    if (!out || out.width !== width || out.height !== height) continue;
    const expected = refImg(k);
    if (!expected) {
      // Not compared (args.compare said no): still not blank.
      check(!isBlank(out), `${file.name} is blank (luma std-dev ${lumaStdDev(out).toFixed(2)})`);
      continue;
    }
    const prev = refImg(k - 1);
    const next = refImg(k + 1);
    const d0 = meanAbsDiff(out, expected);
    const dPrev = prev ? meanAbsDiff(out, prev) : null;
    const dNext = next ? meanAbsDiff(out, next) : null;
    const sepPrev = prev ? meanAbsDiff(expected, prev) : null;
    const sepNext = next ? meanAbsDiff(expected, next) : null;
    const candidates: Array<[number, number | null]> = [
      [k - 1, dPrev],
      [k, d0],
      [k + 1, dNext],
    ];
    const closest = candidates.filter((x): x is [number, number] => x[1] !== null).sort((a, b) => a[1] - b[1])[0]![0];
    rows.push({
      text: c?.text ?? '',
      why: c?.why ?? '',
      name: file.name,
      requestedMs: file.requestedMs,
      actualMs: file.actualMs,
      expectedIndex: k,
      expectedMs: Number(ref.frames[k]!.toFixed(3)),
      d0: Number(d0.toFixed(3)),
      dPrev: dPrev === null ? null : Number(dPrev.toFixed(3)),
      dNext: dNext === null ? null : Number(dNext.toFixed(3)),
      sepPrev: sepPrev === null ? null : Number(sepPrev.toFixed(3)),
      sepNext: sepNext === null ? null : Number(sepNext.toFixed(3)),
      closest,
    });
    const before = problems.length;
    if (!isBlank(expected)) {
      check(!isBlank(out), `${file.name} is blank (luma std-dev ${lumaStdDev(out).toFixed(2)})`);
    }
    check(
      d0 < D0_MAX,
      `${file.name}: differs from frame #${k} by ${d0.toFixed(2)} (limit ${D0_MAX}); prev ${fmt(dPrev)}, next ${fmt(dNext)}`,
    );
    if (sepPrev !== null && dPrev !== null && sepPrev > NEIGHBOUR_MIN_SEPARATION) {
      check(
        d0 < dPrev,
        `${file.name} (${file.requestedMs} ms) looks like frame #${k - 1} (diff ${dPrev.toFixed(2)}) more than the ` +
          `expected #${k} (diff ${d0.toFixed(2)}): off by one frame, too early`,
      );
    }
    if (sepNext !== null && dNext !== null && sepNext > NEIGHBOUR_MIN_SEPARATION) {
      check(
        d0 < dNext,
        `${file.name} (${file.requestedMs} ms) looks like frame #${k + 1} (diff ${dNext.toFixed(2)}) more than the ` +
          `expected #${k} (diff ${d0.toFixed(2)}): off by one frame, too late (like ffmpeg -ss alone)`,
      );
    }
    check(
      ...labelCheck(
        out,
        kLabel,
        refImg,
        (j) => `${file.name}: manifest.json labels it ${file.actualMs} ms (frame #${kLabel}), but its pixels are frame #${j}'s`,
      ),
    );
    if (problems.length > before) mismatches.push({ name: file.name, out, expected, k });
  }

  const reportPath = testInfo.outputPath(`accuracy-${base}-${Date.now()}.json`);
  const report = { source: sourceName, width, height, D0_MAX, NEIGHBOUR_MIN_SEPARATION, rows, problems };
  fs.writeFileSync(reportPath, JSON.stringify(report, null, 2));
  await testInfo.attach('accuracy.json', { path: reportPath, contentType: 'application/json' });
  if (process.env.SNAPFRAME_E2E_VERBOSE) {
    console.log(`accuracy ${sourceName} ${width}x${height}`);
    console.table(
      rows.map((r) => ({
        text: r.text,
        req: r.requestedMs,
        actual: r.actualMs,
        k: r.expectedIndex,
        frameMs: r.expectedMs,
        d0: r.d0,
        dPrev: r.dPrev,
        dNext: r.dNext,
        sepPrev: r.sepPrev,
        sepNext: r.sepNext,
        why: r.why,
      })),
    );
  }
  for (const m of mismatches.slice(0, 6)) {
    const dir = testInfo.outputPath('mismatch');
    const outPng = path.join(dir, `${m.name}.output.png`);
    const refPng = path.join(dir, `${m.name}.expected-frame-${m.k}.png`);
    await writePng(m.out, outPng);
    await writePng(m.expected, refPng);
    await testInfo.attach(`${m.name} output`, { path: outPng, contentType: 'image/png' });
    await testInfo.attach(`${m.name} expected frame ${m.k}`, { path: refPng, contentType: 'image/png' });
  }
  return { manifest, rows, problems };
}

/**
 * Whether an image's pixels belong to the time it is labelled with: closer to native ffmpeg's frame `kLabel` (the
 * frame displayed at the manifest's actualMs) than to either neighbour that differs from it by more than
 * {@link NEIGHBOUR_MIN_SEPARATION}: the wrong picture with the right label fails here even where the requested time
 * and the label agree.
 * @returns [ok, message] for `check`
 */
export function labelCheck(
  out: RgbImage,
  kLabel: number,
  frame: (j: number) => RgbImage | null,
  message: (j: number) => string,
): [boolean, string] {
  const labelled = frame(kLabel);
  if (!labelled) return [true, ''];
  const d = meanAbsDiff(out, labelled);
  for (const j of [kLabel - 1, kLabel + 1]) {
    const other = frame(j);
    if (other && meanAbsDiff(labelled, other) > NEIGHBOUR_MIN_SEPARATION && meanAbsDiff(out, other) <= d) {
      return [false, `${message(j)} (diff ${meanAbsDiff(out, other).toFixed(2)} against ${d.toFixed(2)})`];
    }
  }
  return [true, ''];
}

function checkManifestHeader(
  manifest: SnapshotManifest,
  ref: ReferenceVideo,
  sourceFile: string,
  args: { width: number; height: number; quality?: number; mode?: string; remote?: { name: string; size: number } },
  check: (ok: boolean, message: string) => void,
): void {
  const isText = (x: unknown) => typeof x === 'string' && x.length > 0;
  check(isText(manifest.generator), `manifest.generator missing`);
  check(isText(manifest.jobId), `manifest.jobId missing`);
  check(isText(manifest.decoder), `manifest.decoder missing`);
  const created = Date.parse(manifest.createdAt);
  const finished = Date.parse(manifest.finishedAt);
  check(Number.isFinite(created) && Number.isFinite(finished), `createdAt/finishedAt are not dates`);
  check(!(finished < created), `finishedAt ${manifest.finishedAt} is before createdAt ${manifest.createdAt}`);
  const spec = manifest.spec ?? ({} as SnapshotManifest['spec']);
  const mode = args.mode ?? 'offsets';
  check(spec.mode === mode, `spec.mode ${JSON.stringify(spec.mode)}, expected ${JSON.stringify(mode)}`);
  check(
    spec.width === args.width && spec.height === args.height,
    `spec size ${spec.width}x${spec.height}, expected ${args.width}x${args.height}`,
  );
  check(spec.format === 'jpg', `spec.format ${JSON.stringify(spec.format)}, expected "jpg"`);
  check(spec.quality === (args.quality ?? 85), `spec.quality ${spec.quality}, expected ${args.quality ?? 85}`);
  check(spec.frameType === 'accurate', `spec.frameType ${JSON.stringify(spec.frameType)}, expected "accurate"`);
  const src = manifest.source ?? ({} as SnapshotManifest['source']);
  const name = args.remote?.name ?? path.basename(sourceFile);
  const size = args.remote?.size ?? fs.statSync(sourceFile).size;
  check(src.name === name, `source.name ${JSON.stringify(src.name)}, expected ${JSON.stringify(name)}`);
  check(src.size === size, `source.size ${src.size}, expected ${size}`);
  check(Math.abs(src.durationMs - ref.durationMs) <= 1, `source.durationMs ${src.durationMs}, ffprobe says ${ref.durationMs}`);
  check(
    String(src.codec).toLowerCase() === ref.codec.toLowerCase(),
    `source.codec ${JSON.stringify(src.codec)}, ffprobe says ${ref.codec}`,
  );
  check(
    src.width === ref.displayWidth && src.height === ref.displayHeight,
    `source size ${src.width}x${src.height}, display size is ${ref.displayWidth}x${ref.displayHeight}`,
  );
  const quarter = (deg: number) => (((Math.round(deg) % 360) + 360) % 360) % 180;
  check(
    typeof src.rotation === 'number' &&
      quarter(src.rotation) === quarter(ref.rotation) &&
      (ref.rotation === 0) === (src.rotation % 360 === 0),
    `source.rotation ${src.rotation}, ffprobe display matrix says ${ref.rotation}`,
  );
  check(Math.abs(src.startTimeMs - ref.startTimeMs) <= 1, `source.startTimeMs ${src.startTimeMs}, ffprobe says ${ref.startTimeMs}`);
  check(isText(src.container), `source.container missing`);
  check(
    (typeof src.frameRate === 'number' && src.frameRate > 0) || isText(src.frameRate),
    `source.frameRate ${JSON.stringify(src.frameRate)}`,
  );
}
