/**
 * Skipping non-reference frames (docs/ENGINE.md): streams made here by
 * Debian's ffmpeg/x264/x265 with B-pyramids, an open GOP and long runs of non-reference B-frames.
 * 1. The rule on native ffmpeg's decoder: every access unit `isDisposable` (src/core/h264/nal.ts) calls disposable is
 *    removed from the elementary stream, and every frame left decodes to the same picture (framemd5) as in the full
 *    stream, in the same order: H.264 and HEVC (which this Chromium's WebCodecs cannot decode).
 * 2. The app on `?decoder=webcodecs`: several times per GOP, on I, P, reference and non-reference B frames and
 *    between frames; every image is native ffmpeg's frame at its time (support/accuracy.ts), and the job worker's
 *    `snapframe:webcodecs-packets` marks show that packets were left out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { isDisposable, joinNalUnits, nalStream, noteParameterSets, splitNalUnits, type NalCodec } from '../src/core/h264/nal';
import { AvcParameterTracker, planAvcGop } from '../src/core/h264/avcGop';
import { avcPictureOrderCounts } from '../src/core/h264/avcRefs';
import { parseAvcSliceHeader, type AvcSliceHeader } from '../src/core/h264/avcSyntax';
import { checkSnapshotZip, type OffsetCase } from './support/accuracy';
import { expect, test } from './support/fixtures';
import { probeVideo } from './support/reference';

let dir = '';
const SOURCE = ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '4', '-pix_fmt', 'yuv420p'];
const X264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '30'];

/** The streams, as encoder arguments: each has B-frames that x264/x265 mark as non-reference. */
const STREAMS: Record<string, { codec: NalCodec; args: string[] }> = {
  'pyramid-normal': { codec: 'avc', args: [...X264, '-bf', '3', '-b-pyramid', 'normal', '-g', '50', '-x264-params', 'b-adapt=0'] },
  'open-gop-strict': {
    codec: 'avc',
    args: [...X264, '-bf', '3', '-b-pyramid', 'strict', '-g', '25', '-x264-params', 'b-adapt=0:open-gop=1'],
  },
  'many-non-ref': { codec: 'avc', args: [...X264, '-bf', '8', '-b-pyramid', 'none', '-g', '60', '-x264-params', 'b-adapt=0'] },
  'x265-pyramid': { codec: 'hevc', args: ['-c:v', 'libx265', '-x265-params', 'log-level=error:bframes=4:b-pyramid=1:b-adapt=0:keyint=50'] },
  'x265-temporal-layers': {
    codec: 'hevc',
    args: ['-c:v', 'libx265', '-x265-params', 'log-level=error:bframes=4:b-pyramid=1:b-adapt=0:keyint=50:temporal-layers=1'],
  },
};

const ffmpeg = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { maxBuffer: 64 << 20 });

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-skip-'));
});

test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The md5 of each decoded frame, in output order (`-f framemd5`, no frame dropped or repeated). */
function frameHashes(file: string): string[] {
  const out = ffmpeg(['-i', file, '-fps_mode', 'passthrough', '-f', 'framemd5', '-']).toString();
  return out
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').at(-1)!.trim());
}

for (const [name, { codec, args }] of Object.entries(STREAMS)) {
  test(`the rule on native ffmpeg: ${name} decodes to the same frames without its disposable packets`, () => {
    // An elementary stream with an access unit delimiter opening each access unit, parameter sets in band.
    const file = path.join(dir, `${name}.${codec === 'avc' ? 'h264' : 'hevc'}`);
    const aud =
      codec === 'avc' ? ['-x264-params', [args.at(-1), 'aud=1'].join(':')] : ['-x265-params', `${args.at(-1)}:aud=1:repeat-headers=1`];
    ffmpeg([...SOURCE, ...args.slice(0, -2), ...aud, '-f', codec === 'avc' ? 'h264' : 'hevc', file]);
    const framing = { kind: 'annexb' } as const;
    const isAud = (u: Uint8Array) => (codec === 'avc' ? (u[0]! & 0x1f) === 9 : ((u[0]! >> 1) & 0x3f) === 35);
    const units = splitNalUnits(fs.readFileSync(file), framing)!;
    const accessUnits: Uint8Array[][] = [];
    for (const unit of units) {
      if (isAud(unit) || accessUnits.length === 0) accessUnits.push([]);
      accessUnits.at(-1)!.push(unit);
    }
    const stream = nalStream(codec, null);
    const kept: Uint8Array[] = [];
    let skipped = 0;
    for (const au of accessUnits) {
      noteParameterSets(stream, au);
      const bytes = joinNalUnits(au, framing);
      if (isDisposable(bytes, stream)) skipped += 1;
      else kept.push(bytes);
    }
    const thinned = path.join(dir, `${name}-thinned.${codec === 'avc' ? 'h264' : 'hevc'}`);
    fs.writeFileSync(thinned, Buffer.concat(kept));

    const full = frameHashes(file);
    const rest = frameHashes(thinned);
    console.log(
      `skip rule: ${name}: ${accessUnits.length} access units, ${skipped} disposable; ${full.length} frames, ${rest.length} without them`,
    );
    expect(full).toHaveLength(accessUnits.length);
    expect(skipped, 'the stream has non-reference pictures').toBeGreaterThan(accessUnits.length / 5);
    expect(rest).toHaveLength(accessUnits.length - skipped);
    // Every frame left is a frame of the full decode, in the same order (frames of testsrc2 all differ).
    let at = 0;
    for (const [i, hash] of rest.entries()) {
      while (at < full.length && full[at] !== hash) at += 1;
      expect(at, `frame ${i} of the thinned stream is not the next matching frame of the full stream`).toBeLessThan(full.length);
      at += 1;
    }
  });
}

/**
 * H.264 streams for the stand-in rule (src/core/h264/avcGop.ts): reference B-frames (B-pyramids), several reference frames
 * with weighted prediction, CAVLC with several slices a picture, adaptive B-frames as x264's presets make them, and an
 * open GOP (whose non-IDR keyframes the model leaves alone).
 */
const STAND_IN_STREAMS: Record<string, { args: string[]; minStandIns: number }> = {
  'pyramid-normal': { args: STREAMS['pyramid-normal']!.args, minStandIns: 0.1 },
  // Four reference frames: x264's P-frames then predict from the reference B-frames too, which the model must keep.
  'refs4-weighted': {
    args: [...X264, '-bf', '3', '-g', '50', '-x264-params', 'ref=4:weightp=2:b-pyramid=normal:b-adapt=0'],
    minStandIns: 0,
  },
  'cavlc-slices': {
    args: [...X264, '-coder', '0', '-bf', '3', '-g', '50', '-x264-params', 'slices=4:b-pyramid=normal:b-adapt=0'],
    minStandIns: 0.1,
  },
  'veryfast-default': {
    args: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-g', '50', '-x264-params', 'scenecut=40'],
    minStandIns: 0.1,
  },
  'open-gop-strict': { args: STREAMS['open-gop-strict']!.args, minStandIns: 0.1 },
};

/** Pictures of an IDR period whose stand-in plans are all checked (three B-pyramid patterns and more); after them, every {@link SAMPLE_EVERY}th. */
const SAMPLED_AFTER = 16;
const SAMPLE_EVERY = 6;

for (const [name, { args, minStandIns }] of Object.entries(STAND_IN_STREAMS)) {
  test(`stand-ins on native ffmpeg: ${name}, every picture exact from its needed pictures and stand-ins`, () => {
    const file = path.join(dir, `standin-${name}.h264`);
    ffmpeg([...SOURCE, ...args.slice(0, -2), '-x264-params', [args.at(-1), 'aud=1'].join(':'), '-f', 'h264', file]);
    const framing = { kind: 'annexb' } as const;
    const accessUnits: Uint8Array[][] = [];
    for (const unit of splitNalUnits(fs.readFileSync(file), framing)!) {
      if ((unit[0]! & 0x1f) === 9 || accessUnits.length === 0) accessUnits.push([]);
      accessUnits.at(-1)!.push(unit);
    }
    const full = frameHashes(file);
    expect(full).toHaveLength(accessUnits.length);
    // Each access unit's picture in the full decode: output order is POC order within each IDR period.
    const display = displayIndices(accessUnits);
    const gopStarts = accessUnits.flatMap((au, i) => (au.some((u) => (u[0]! & 0x1f) === 5) ? [i] : []));
    let plannedStandIns = 0;
    let checked = 0;
    let unsupported = 0;
    const problems: string[] = [];
    for (const [g, start] of gopStarts.entries()) {
      const end = gopStarts[g + 1] ?? accessUnits.length;
      for (let target = start; target < end; target += 1) {
        // Every picture of the first 16 of each IDR period (the B-pyramid patterns, the GOP's start), then every 6th:
        // one native decode a picture is the cost of this check.
        if (target - start >= SAMPLED_AFTER && (target - start) % SAMPLE_EVERY !== 0) continue;
        checked += 1;
        const tracker = new AvcParameterTracker();
        const gop = accessUnits.slice(start, target + 1);
        const plan = planAvcGop(gop, [target - start], tracker);
        if (plan.unsupported) unsupported += 1;
        const stream = nalStream('avc', null);
        const kept: Uint8Array[] = [];
        let standIns = 0;
        for (const [i, au] of gop.entries()) {
          noteParameterSets(stream, au);
          const bytes = joinNalUnits(au, framing);
          const standIn = plan.standIns[i];
          if (i !== target - start && isDisposable(bytes, stream)) continue;
          if (standIn) standIns += 1;
          kept.push(standIn ? joinNalUnits(standIn, framing) : bytes);
        }
        plannedStandIns += standIns;
        const thinned = path.join(dir, `standin-${name}-${target}.h264`);
        fs.writeFileSync(thinned, Buffer.concat(kept));
        const hashes = frameHashes(thinned);
        fs.rmSync(thinned);
        if (hashes.length !== kept.length)
          problems.push(`target ${target}: ${kept.length} access units decoded to ${hashes.length} frames`);
        const wanted = full[display[target]!]!;
        if (!hashes.includes(wanted))
          problems.push(`target ${target}: its picture is not among the ${hashes.length} decoded (${standIns} stand-ins)`);
      }
    }
    const line = `${name}: ${accessUnits.length} pictures, ${checked} jobs of one picture (the first ${SAMPLED_AFTER} of each IDR period, then every ${SAMPLE_EVERY}th); ${plannedStandIns} stand-ins in all, ${unsupported} GOP plans the model left alone`;
    console.log(`stand-ins: ${line}`);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(plannedStandIns, 'stand-ins were planned').toBeGreaterThanOrEqual(minStandIns * checked);
  });
}

/**
 * Where each access unit comes in the full decode's output: its rank by POC (src/core/h264/avcRefs.ts, MSB carried across
 * pic_order_cnt_lsb wraps) after the pictures of earlier IDR periods.
 */
function displayIndices(accessUnits: readonly Uint8Array[][]): number[] {
  const tracker = new AvcParameterTracker();
  const periods: AvcSliceHeader[][] = [];
  for (const au of accessUnits) {
    tracker.note(au);
    const header = parseAvcSliceHeader(
      au.find((u) => [1, 5].includes(u[0]! & 0x1f))!,
      tracker.sets,
    );
    if (header.idr || periods.length === 0) periods.push([]);
    periods.at(-1)!.push(header);
  }
  const out: number[] = [];
  for (const period of periods) {
    const pocs = avcPictureOrderCounts(period, tracker.sets);
    const before = out.length;
    for (const poc of pocs) out.push(before + pocs.filter((p) => p < poc).length);
  }
  return out;
}

/** Why the packet decoder handed a file back to mediabunny (its `snapframe:packet-decoder-fallback` marks). */
async function fallbacks(workers: readonly Worker[]): Promise<string[]> {
  const all: string[] = [];
  for (const worker of workers) {
    all.push(
      ...(await worker
        .evaluate(() => performance.getEntriesByName('snapframe:packet-decoder-fallback').map((e) => String((e as PerformanceMark).detail)))
        .catch(() => [])),
    );
  }
  return all;
}

/** Packets the job worker sent to VideoDecoder and left out, from its `snapframe:webcodecs-packets` marks. */
async function packetCounts(workers: readonly Worker[]): Promise<{ sent: number; skipped: number; standIns: number }> {
  const total = { sent: 0, skipped: 0, standIns: 0 };
  for (const worker of workers) {
    const counts = await worker
      .evaluate(() =>
        performance
          .getEntriesByName('snapframe:webcodecs-packets')
          .map((e) => (e as PerformanceMark).detail as { sent: number; skipped: number; standIns: number }),
      )
      .catch(() => []);
    for (const c of counts) {
      total.sent += c.sent;
      total.skipped += c.skipped;
      total.standIns += c.standIns;
    }
  }
  return total;
}
const jobWorkers = (page: Page, before: Set<Worker>) => page.workers().filter((w) => !before.has(w));

/**
 * `sparse`: a few times late in each 2 s GOP instead of every third frame, so that the reference B-frames before them
 * are needed by nothing and go to the decoder as stand-ins (src/core/h264/avcGop.ts); `minStandIns` of them at least.
 */
const BROWSER: Array<{ name: string; container: 'mp4' | 'ts'; minSkipped: number; sparse?: boolean; minStandIns?: number }> = [
  { name: 'pyramid-normal', container: 'mp4', minSkipped: 0.2 },
  { name: 'pyramid-normal', container: 'ts', minSkipped: 0.2 },
  { name: 'open-gop-strict', container: 'mp4', minSkipped: 0.2 },
  { name: 'many-non-ref', container: 'mp4', minSkipped: 0.5 },
  { name: 'pyramid-normal', container: 'mp4', minSkipped: 0.2, sparse: true, minStandIns: 10 },
  { name: 'pyramid-normal', container: 'ts', minSkipped: 0.2, sparse: true, minStandIns: 10 },
];

for (const c of BROWSER) {
  const what = c.sparse ? 'sparse times, stand-ins for unneeded reference pictures' : 'non-reference packets left out';
  test(`WebCodecs: ${what}: ${c.name}.${c.container}, every image exact`, async ({ app }, testInfo) => {
    test.setTimeout(180_000);
    const file = path.join(dir, `${c.name}${c.sparse ? '-sparse' : ''}.${c.container}`);
    ffmpeg([...SOURCE, ...STREAMS[c.name]!.args, file]);
    const ref = await probeVideo(file);
    // Every third frame, a third of a frame after it (so I, P, B and b frames all come up, several per GOP), and
    // a few times exactly on a frame; sparse: frames 40, 45 and 48 of each 50-frame GOP.
    const frameMs = ref.frames[1]! - ref.frames[0]!;
    const offsets: OffsetCase[] = [];
    const frames = c.sparse
      ? ref.frames.flatMap((_, k) => ([40, 45, 48].includes(k % 50) ? [k] : []))
      : ref.frames.flatMap((_, k) => (k >= 1 && k < ref.frames.length - 1 && (k - 1) % 3 === 0 ? [k] : []));
    for (const k of frames) {
      const ms = Math.round(ref.frames[k]! + (k % 2 ? frameMs / 3 : 0));
      offsets.push({ text: String(ms), ms, why: `frame #${k}${k % 2 ? ' + 1/3 frame' : ''}` });
    }

    await app.page.goto('/?decoder=webcodecs');
    await app.chooseFile(file);
    await app.waitForProbe(path.basename(file));
    const before = new Set(app.page.workers());
    await app.setOffsets(offsets.map((o) => o.text).join(', '));
    await app.setSize(320, 180);
    const job = await app.createSnapshots();
    const elapsed = await job.waitForStatus('Finished', 150_000);
    const counts = await packetCounts(jobWorkers(app.page, before));
    expect.soft(await fallbacks(jobWorkers(app.page, before)), 'the packet decoder never handed the file to mediabunny').toEqual([]);
    const share = counts.skipped / (counts.sent + counts.skipped);
    const line = `${c.name}.${c.container}: ${offsets.length} times in ${elapsed} ms; packets sent ${counts.sent} (${counts.standIns} of them stand-ins), skipped ${counts.skipped} (${(100 * share).toFixed(0)}%)`;
    console.log(`skip frames: ${line}`);
    testInfo.annotations.push({ type: 'skip frames', description: line });

    const { zipPath, suggestedFilename } = await app.downloadZip();
    const check = await checkSnapshotZip({ testInfo, zipPath, suggestedFilename, sourceFile: file, offsets, width: 320, height: 180 });
    expect.soft(check.manifest.decoder).toBe('webcodecs');
    expect(check.problems, check.problems.join('\n')).toEqual([]);
    expect(counts.sent, 'the job decoded on the packet decoder').toBeGreaterThan(0);
    expect(share, 'share of packets left out').toBeGreaterThanOrEqual(c.minSkipped);
    expect(counts.standIns, 'stand-ins sent').toBeGreaterThanOrEqual(c.minStandIns ?? 0);
  });
}
