/**
 * The frames runner on a fake engine (fakeEngine.ts): progress from every lane, outputs streamed as made, skipped
 * times, cancel and a crash stopping every lane, and the shards cut at keyframes (no GOP on two lanes).
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, SnapframeError } from '../../core/job/errors';
import { checkJobSpec, DEFAULT_SPEC_INPUT, type SpecInput } from '../../core/job/spec';
import type { OffsetsSpec } from '../../core/job/types';
import { fakeEngine, type FakeVideo } from './fakeEngine';
import type { OutputFile, SkippedTime } from '../outputs';
import type { RunContext } from './runContext';
import { runFrames } from './runFrames';
import { testSource } from '../../core/fixtures/sourceInfo';

const source = testSource({
  name: 'clip.mp4',
  size: 1000,
  durationMs: 60_000,
  videoDurationMs: 60_000,
  codecLongName: 'H.264',
  frameCount: 1500,
});
const file = new File([new Uint8Array(10)], 'clip.mp4');
const VIDEO: FakeVideo = { gopMs: 2000, frameMs: 40 };

function offsetsSpec(text: string, extra: Partial<SpecInput> = {}): OffsetsSpec {
  const { spec } = checkJobSpec({ ...DEFAULT_SPEC_INPUT, mode: 'offsets', offsetsText: text, width: '160', ...extra }, source);
  if (spec?.mode !== 'offsets') throw new Error('bad test spec');
  return spec;
}

function context(signal?: AbortSignal) {
  const emitted: Array<{ output: OutputFile; rank: number }> = [];
  const skipped: SkippedTime[] = [];
  const progress: number[] = [];
  let done = 0;
  const ctx: RunContext = {
    signal,
    emit: (output, rank) => emitted.push({ output, rank }),
    step: () => progress.push(++done),
    skip: (entry) => skipped.push(entry),
    decoder: 'auto',
    decodedBy: () => undefined,
    note: () => undefined,
  };
  return { ctx, emitted, skipped, progress };
}

const times = (text: string) => offsetsSpec(text).offsetsMs;
const laneOfTime = (calls: Array<{ lane: number; method: string; timeMs?: number }>) =>
  new Map(calls.filter((c) => c.method === 'frame').map((c) => [c.timeMs as number, c.lane]));

describe('runFrames on a fake engine', () => {
  it('splits the times over the lanes at keyframes, counts every lane in the progress, and ranks outputs in time order', async () => {
    // 12 GOPs of 2 s, 3 times in each: 36 times.
    const text = Array.from({ length: 12 }, (_, g) => [100, 900, 1700].map((o) => g * 2000 + o))
      .flat()
      .join(', ');
    const spec = offsetsSpec(text);
    const { engine, log } = fakeEngine(3, VIDEO);
    const { ctx, emitted, progress } = context();
    await runFrames(engine, file, source, spec, spec.offsetsMs, ctx);

    expect(progress).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(emitted).toHaveLength(36);
    const lanes = laneOfTime(log.calls);
    expect(new Set(lanes.values())).toEqual(new Set([0, 1, 2]));
    // No GOP on two lanes, and each lane's times are one contiguous range.
    for (let g = 0; g < 12; g += 1) {
      const inGop = spec.offsetsMs.filter((t) => Math.floor(t / 2000) === g).map((t) => lanes.get(t));
      expect(new Set(inGop).size).toBe(1);
    }
    const laneSeq = spec.offsetsMs.map((t) => lanes.get(t) as number);
    expect(laneSeq).toEqual([...laneSeq].sort((a, b) => a - b));
    // Equal GOPs: 4 GOPs per lane.
    expect(laneSeq.filter((l) => l === 0)).toHaveLength(12);
    // The keyframe index is read once, by lane 0; every lane gets its own plan.
    expect(log.calls.filter((c) => c.method === 'keyframes')).toEqual([{ lane: 0, method: 'keyframes' }]);
    // Meanwhile the other lanes open the file.
    expect(log.calls.filter((c) => c.method === 'open').map((c) => c.lane)).toEqual([1, 2]);
    expect(
      log.calls
        .filter((c) => c.method === 'plan')
        .map((c) => c.lane)
        .sort(),
    ).toEqual([0, 1, 2]);
    // Ranks are the times' indices, names and times unchanged.
    const ranked = [...emitted].sort((a, b) => a.rank - b.rank).map((e) => e.output);
    expect(ranked.map((o) => (o.kind === 'snapshot' ? o.requestedMs : -1))).toEqual(spec.offsetsMs);
    expect(ranked[0]?.name).toBe('clip_00000100ms.jpg');
  });

  it('streams outputs as the lanes make them, interleaved, not lane after lane', async () => {
    const spec = offsetsSpec('1900, 3900, 5900, 7900, 9900, 11900, 13900, 15900');
    const { engine } = fakeEngine(2, VIDEO);
    const { ctx, emitted } = context();
    await runFrames(engine, file, source, spec, spec.offsetsMs, ctx);
    const order = emitted.map((e) => e.rank);
    expect(order).toHaveLength(8);
    // Lane 1's first image (rank 4) arrives before lane 0's last (rank 3).
    expect(order.indexOf(4)).toBeLessThan(order.indexOf(3));
  });

  it('runs on one lane without reading the keyframe index', async () => {
    const spec = offsetsSpec('100, 2100, 4100');
    const { engine, log } = fakeEngine(1, VIDEO);
    const { ctx, emitted } = context();
    await runFrames(engine, file, source, spec, spec.offsetsMs, ctx);
    expect(emitted.map((e) => e.rank)).toEqual([0, 1, 2]);
    expect(log.calls.some((c) => c.method === 'keyframes')).toBe(false);
  });

  it('keeps all the times of one GOP on one lane even with more lanes than GOPs', async () => {
    const spec = offsetsSpec('100, 500, 900, 1300');
    const { engine, log } = fakeEngine(4, VIDEO);
    const { ctx, emitted } = context();
    await runFrames(engine, file, source, spec, spec.offsetsMs, ctx);
    expect(emitted).toHaveLength(4);
    expect(new Set(laneOfTime(log.calls).values())).toEqual(new Set([0]));
  });

  it('skips times that cannot be decoded on any lane, counting them in the progress', async () => {
    const spec = offsetsSpec('1900, 3900, 21900, 23900');
    const { engine, log } = fakeEngine(2, { ...VIDEO, damagedMs: [3900, 23900] });
    const { ctx, emitted, skipped, progress } = context();
    await runFrames(engine, file, source, spec, spec.offsetsMs, ctx);
    expect(progress).toHaveLength(4);
    expect(emitted.map((e) => e.rank).sort()).toEqual([0, 2]);
    expect(skipped.map((s) => s.requestedMs).sort((a, b) => a - b)).toEqual([3900, 23900]);
    expect(new Set(laneOfTime(log.calls).values())).toEqual(new Set([0, 1]));
    expect(skipped[0]?.error.code).toBe('UnsupportedMedia');
  });

  it('a time whose decoding stalls past its watchdog is skipped as damaged; the other lanes and times go on', async () => {
    const spec = offsetsSpec('1900, 3900, 5900, 21900, 23900');
    const { engine } = fakeEngine(2, { ...VIDEO, hangMs: [3900], watchdogMs: 30 });
    const { ctx, emitted, skipped, progress } = context();
    await runFrames(engine, file, source, spec, spec.offsetsMs, ctx);
    expect(progress).toHaveLength(5);
    expect(emitted.map((e) => e.rank).sort()).toEqual([0, 2, 3, 4]);
    expect(skipped.map((s) => s.requestedMs)).toEqual([3900]);
    expect(skipped[0]?.error.code).toBe('DamagedMedia');
    expect(skipped[0]?.error.message).toMatch(/^No picture at 0:03\.900 in .*: the decoder produced nothing for \d+ s/);
  });

  it('cancel stops every lane at once: pending calls on all lanes are aborted and the runner throws Cancelled', async () => {
    const spec = offsetsSpec('1900, 3900, 21900, 23900');
    // Both lanes hang on their second time.
    const { engine, log } = fakeEngine(2, { ...VIDEO, hangMs: [3900, 23900] });
    const controller = new AbortController();
    const { ctx, progress } = context(controller.signal);
    const run = runFrames(engine, file, source, spec, spec.offsetsMs, ctx);
    await new Promise((r) => setTimeout(r, 20));
    expect(progress).toHaveLength(2);
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(log.aborted.map((a) => a.lane).sort()).toEqual([0, 1]);
  });

  it('a crash on one lane fails the job with its error and stops the other lanes', async () => {
    const spec = offsetsSpec('1900, 3900, 21900, 23900');
    const { engine, log } = fakeEngine(2, { ...VIDEO, crashMs: [21900], hangMs: [3900] });
    const { ctx } = context();
    const error = await runFrames(engine, file, source, spec, spec.offsetsMs, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapframeError);
    expect((error as SnapframeError).code).toBe('InternalError');
    expect((error as SnapframeError).logTail).toEqual(['log line']);
    expect(log.aborted).toEqual([{ lane: 0, method: 'frame' }]);
  });

  it('keyframe mode: one lane per keyframe group, each time gets its keyframe', async () => {
    const spec = offsetsSpec(times('100, 900, 2100, 2900, 4100, 4900').join(', '), { frameType: 'keyframe' });
    const { engine, log } = fakeEngine(3, VIDEO);
    const { ctx, emitted } = context();
    await runFrames(engine, file, source, spec, spec.offsetsMs, ctx);
    const actual = new Map(
      emitted.map((e) => [e.output.kind === 'snapshot' ? e.output.requestedMs : 0, e.output.kind === 'snapshot' ? e.output.actualMs : 0]),
    );
    expect(actual.get(900)).toBe(0);
    expect(actual.get(4900)).toBe(4000);
    const lanes = laneOfTime(log.calls);
    expect(lanes.get(100)).toBe(lanes.get(900));
    expect(lanes.get(2100)).toBe(lanes.get(2900));
  });
});
