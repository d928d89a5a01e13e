/**
 * The source and jobs slices on a store of their own, with the engine replaced by a fake whose jobs end when the
 * test says: many files (dedup, current, remove), the batch (skips with problems), the queue order, cancel, retry,
 * and the run counted for the tab title. Pure: no DOM, no worker.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { CancelledError, SnapframeError } from '../core/job/errors';
import type { SourceInfo } from '../core/job/types';
import type { StoreState } from './index';
import { createJobsSlice } from './jobsSlice';
import { runProgress } from './selectors';
import { createSourceSlice } from './sourceSlice';
import { createSpecSlice } from './specSlice';

/** Jobs the fake engine is running, by video name: finish or fail them from the test. */
const running = new Map<string, { resolve: () => void; reject: (e: unknown) => void }>();
const started: string[] = [];
const aborted: string[] = [];

const info = (name: string, durationMs: number): SourceInfo => ({
  name,
  size: 1000,
  container: 'matroska,webm',
  durationMs,
  startTimeMs: 0,
  videoDurationMs: durationMs,
  codec: 'vp9',
  codecLongName: 'Google VP9',
  codedWidth: 320,
  codedHeight: 180,
  width: 320,
  height: 180,
  rotation: 0,
  sampleAspectRatio: [1, 1],
  frameRate: 25,
  frameCount: durationMs / 40,
  hasAudio: false,
});

vi.mock('../engine/api', () => ({
  probeSource: async (file: File) => {
    if (file.name.endsWith('.txt')) throw new SnapframeError('UnsupportedMedia', `${file.name} is not a video.`);
    return info(file.name, file.name.startsWith('short') ? 2_000 : 10_000);
  },
  createSnapshotJob: (file: File, _source: SourceInfo, _spec: unknown, options: { signal?: AbortSignal }) =>
    new Promise((resolve, reject) => {
      started.push(file.name);
      options.signal?.addEventListener('abort', () => {
        aborted.push(file.name);
        reject(new CancelledError());
      });
      running.set(file.name, { resolve: () => resolve({ outputs: [], skipped: [], decoder: 'ffmpeg.wasm', manifest: {} }), reject });
    }),
}));

function makeStore() {
  return createStore<StoreState>()(
    (...a) => ({ ...createSourceSlice(...a), ...createSpecSlice(...a), ...createJobsSlice(...a) }) as StoreState,
  );
}

const file = (name: string, lastModified = 1) => new File(['x'], name, { lastModified });
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  running.clear();
  started.length = 0;
  aborted.length = 0;
});

describe('many files', () => {
  it('adds every file, probes each, keeps `source` equal to the current one', async () => {
    const store = makeStore();
    await store.getState().openFiles([file('a.webm'), file('b.txt'), file('short.webm')]);
    const { sources, source, currentSourceId } = store.getState();
    expect(sources.map((s) => [s.file.name, s.status])).toEqual([
      ['a.webm', 'ready'],
      ['b.txt', 'error'],
      ['short.webm', 'ready'],
    ]);
    expect(sources[1]?.error?.message).toBe('b.txt is not a video.');
    expect(source).toBe(sources[0]);
    expect(currentSourceId).toBe(sources[0]?.id);

    store.getState().selectSource(sources[2]!.id);
    expect(store.getState().source).toBe(store.getState().sources[2]);
  });

  it('does not add the same file twice; a failed one is probed again', async () => {
    const store = makeStore();
    await store.getState().openFiles([file('a.webm'), file('b.txt')]);
    await store.getState().openFiles([file('a.webm'), file('a.webm', 2)]);
    expect(store.getState().sources.map((s) => s.file.name)).toEqual(['a.webm', 'b.txt', 'a.webm']);
    expect(store.getState().source?.id).toBe(store.getState().sources[0]?.id);
    const failedId = store.getState().sources[1]!.id;
    await store.getState().openFile(file('b.txt'));
    expect(store.getState().sources[1]!.id).not.toBe(failedId);
    expect(store.getState().source).toBe(store.getState().sources[1]);
  });

  it('removing the current file makes its neighbour current', async () => {
    const store = makeStore();
    await store.getState().openFiles([file('a.webm'), file('b.webm'), file('c.webm')]);
    const [a, b, c] = store.getState().sources;
    store.getState().selectSource(b!.id);
    store.getState().removeSource(b!.id);
    expect(store.getState().source?.id).toBe(c!.id);
    store.getState().removeSource(c!.id);
    expect(store.getState().source?.id).toBe(a!.id);
    store.getState().removeSource(a!.id);
    expect(store.getState()).toMatchObject({ sources: [], source: null, currentSourceId: null });
  });
});

describe('the queue', () => {
  it('a batch queues every ready video whose spec holds, skips the others with their problems', async () => {
    const store = makeStore();
    await store.getState().openFiles([file('a.webm'), file('b.txt'), file('short.webm'), file('c.webm')]);
    store.getState().setSpecField('offsetsText', '1s, 5s');
    const result = store.getState().createJobsForAll();
    expect(result.queued).toHaveLength(2);
    expect(result.skipped.map((s) => s.name)).toEqual(['short.webm']);
    expect(result.skipped[0]?.problems[0]?.field).toBe('offsetsText');
    // Newest first in the list; the queue runs in file order, one at a time.
    expect(store.getState().jobs.map((j) => j.source.name)).toEqual(['c.webm', 'a.webm']);
    await tick();
    expect(started).toEqual(['a.webm']);
    expect(store.getState().jobs.map((j) => j.status)).toEqual(['queued', 'processing']);
    expect(runProgress(store.getState().jobs, store.getState().runJobIds)).toEqual({ ended: 0, total: 2, active: true });

    running.get('a.webm')!.resolve();
    await tick();
    expect(started).toEqual(['a.webm', 'c.webm']);
    expect(runProgress(store.getState().jobs, store.getState().runJobIds)).toEqual({ ended: 1, total: 2, active: true });
    running.get('c.webm')!.resolve();
    await tick();
    expect(store.getState().jobs.map((j) => j.status)).toEqual(['finished', 'finished']);
    expect(runProgress(store.getState().jobs, store.getState().runJobIds)).toEqual({ ended: 2, total: 2, active: false });
  });

  it('cancel one, the next runs; Retry queues a new run of the same file and spec in a new run', async () => {
    const store = makeStore();
    await store.getState().openFiles([file('a.webm'), file('c.webm')]);
    store.getState().setSpecField('offsetsText', '1s, 2s, 3s');
    const { queued } = store.getState().createJobsForAll();
    await tick();
    store.getState().cancelJob(queued[0]!);
    await tick();
    const job = (id: string) => store.getState().jobs.find((j) => j.id === id)!;
    expect(job(queued[0]!).status).toBe('cancelled');
    expect(job(queued[1]!).status).toBe('processing');
    expect(store.getState().retryJob(queued[1]!)).toBeNull(); // only failed or cancelled jobs
    running.get('c.webm')!.resolve();
    await tick();

    const again = store.getState().retryJob(queued[0]!)!;
    expect(job(again)).toMatchObject({ file: job(queued[0]!).file, spec: job(queued[0]!).spec, total: 3, done: 0 });
    expect(store.getState().runJobIds).toEqual([again]);
    await tick();
    expect(job(again).status).toBe('processing');
    running.get('a.webm')!.reject(new SnapframeError('InternalError', 'The engine crashed.'));
    await tick();
    expect(job(again)).toMatchObject({ status: 'failed', error: { code: 'InternalError' } });
  });

  it('Clear results while a job runs and another waits: the running one is aborted, the list is empty, the queue idle', async () => {
    const store = makeStore();
    await store.getState().openFiles([file('a.webm'), file('c.webm')]);
    store.getState().setSpecField('offsetsText', '1s');
    store.getState().createJobsForAll();
    await tick();
    expect(started).toEqual(['a.webm']);
    await store.getState().clearJobs();
    await tick();
    expect(store.getState().jobs).toEqual([]);
    expect(store.getState().runJobIds).toEqual([]);
    expect(started, 'the waiting job never starts').toEqual(['a.webm']);
    expect(aborted, 'the running job was aborted').toEqual(['a.webm']);
    store.getState().setSpecField('offsetsText', '2s');
    expect(store.getState().createJob()).not.toBeNull();
    await tick();
    expect(started).toEqual(['a.webm', 'a.webm']);
  });

  it('createJob still works on the current file only', async () => {
    const store = makeStore();
    await store.getState().openFiles([file('a.webm'), file('c.webm')]);
    store.getState().setSpecField('offsetsText', '99s');
    expect(store.getState().createJob()).toBeNull();
    expect(store.getState().specProblems[0]?.field).toBe('offsetsText');
    store.getState().setSpecField('offsetsText', '1s');
    expect(store.getState().createJob()).not.toBeNull();
    expect(store.getState().jobs.map((j) => j.source.name)).toEqual(['a.webm']);
  });
});
