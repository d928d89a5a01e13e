/**
 * The jobs slice with saving replaced by a fake (store/persistJobs.ts): jobs saved by an earlier visit come back in
 * the list (queued/processing as interrupted, as persistJobs `loadJobs` gives them), Re-run of an interrupted job
 * replaces it with a new run (with the saved video, or the file chosen again), saving is told about every job,
 * output and end, and Clear empties the list. Pure: no DOM, no worker, no IndexedDB.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { JobRecord } from '../core/job/storedJobs';
import type { JobSpec, SourceInfo } from '../core/job/types';
import type { StoreState } from './index';
import { createJobsSlice } from './jobsSlice';
import type { LoadedJob } from './persistJobs';
import { canRetry, savedBytes } from './selectors';
import { createSourceSlice } from './sourceSlice';
import { createSpecSlice } from './specSlice';

const calls: string[] = [];
let loaded: LoadedJob[] = [];

vi.mock('./persistJobs', () => ({
  connectPersistence: () => undefined,
  saveQueuedJob: (id: string) => calls.push(`queued ${id}`),
  saveJobRecord: async (id: string) => void calls.push(`record ${id}`),
  saveJobOutput: (id: string, index: number) => calls.push(`output ${id} ${index}`),
  saveEndedJob: async (id: string) => {
    calls.push(`ended ${id}`);
    return null;
  },
  forgetJob: (id: string, after?: string) => calls.push(`forget ${id} after ${after}`),
  clearAllSaved: async () => void calls.push('clear'),
  loadJobs: async () => loaded,
}));

const started: File[] = [];
vi.mock('../engine/api', () => ({
  createSnapshotJob: (file: File, _s: unknown, _spec: unknown, options: { onOutput: (o: unknown) => void }) => {
    started.push(file);
    options.onOutput({ kind: 'snapshot', name: 'a_00000000.jpg', blob: new Blob(['x']), requestedMs: 0, actualMs: 0, width: 8, height: 8 });
    return Promise.resolve({ outputs: [], skipped: [], decoder: 'webcodecs', manifest: {} });
  },
}));

const source = { name: 'clip.mp4', size: 1000 } as SourceInfo;
const spec = { mode: 'offsets', offsetsMs: [0, 1000] } as unknown as JobSpec;

function record(id: string, seq: number, status: JobRecord['status'], inputKept: boolean): JobRecord {
  return {
    id,
    seq,
    source,
    spec,
    status,
    done: 1,
    total: 2,
    skipped: [],
    error: null,
    manifest: null,
    decoder: null,
    createdAt: 1,
    startedAt: 2,
    firstStepAt: 3,
    lastStepAt: 3,
    finishedAt: null,
    inputKept,
  };
}

const blob = new Blob(['12345']);
const snapshot = { kind: 'snapshot' as const, name: 'clip_00000000.jpg', blob, requestedMs: 0, actualMs: 0, width: 8, height: 8 };
const makeStore = () =>
  createStore<StoreState>()((...a) => ({ ...createSourceSlice(...a), ...createSpecSlice(...a), ...createJobsSlice(...a) }) as StoreState);
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  calls.length = 0;
  started.length = 0;
});

describe('jobs saved by an earlier visit', () => {
  it('come back newest first, with their outputs, bytes and (when kept) their video', async () => {
    const input = new File(['video!'], 'clip.mp4');
    loaded = [
      { record: record('old', 1, 'finished', false), outputs: [snapshot], input: null },
      { record: record('cut', 2, 'interrupted', true), outputs: [snapshot], input },
    ];
    const store = makeStore();
    await store.getState().restoreJobs();
    const jobs = store.getState().jobs;
    expect(jobs.map((j) => [j.id, j.status, j.file?.name ?? null])).toEqual([
      ['cut', 'interrupted', 'clip.mp4'],
      ['old', 'finished', null],
    ]);
    expect(jobs[0]?.storage).toEqual({ saved: true, bytes: 5 + 6, inputKept: true, note: null });
    expect(savedBytes(jobs)).toBe(5 + 11);
    expect(canRetry(jobs[0]!)).toBe(true);
  });

  it('Re-run replaces an interrupted job by a new run of the same spec, and forgets the old one after it', async () => {
    const input = new File(['video!'], 'clip.mp4');
    loaded = [{ record: record('cut', 7, 'interrupted', true), outputs: [snapshot], input }];
    const store = makeStore();
    await store.getState().restoreJobs();
    const id = store.getState().retryJob('cut');
    expect(id).not.toBeNull();
    await tick();
    const jobs = store.getState().jobs;
    expect(jobs.map((j) => j.id)).toEqual([id]);
    expect(jobs[0]?.seq, 'numbered after the saved jobs').toBe(8);
    expect(started).toEqual([input]);
    expect(calls.filter((c) => c !== `forget cut after ${id}`)).toEqual([`queued ${id}`, `record ${id}`, `output ${id} 0`, `ended ${id}`]);
    expect(calls.indexOf(`forget cut after ${id}`), 'forgotten once the new job is queued').toBeGreaterThan(0);
  });

  it('a job saved without its video needs the file chosen again', async () => {
    loaded = [{ record: record('cut', 1, 'interrupted', false), outputs: [], input: null }];
    const store = makeStore();
    await store.getState().restoreJobs();
    expect(store.getState().retryJob('cut'), 'no file: nothing queued').toBeNull();
    const chosen = new File(['x'], 'clip.mp4');
    expect(store.getState().retryJob('cut', chosen)).not.toBeNull();
    await tick();
    expect(started).toEqual([chosen]);
  });

  it('Clear empties the list and deletes what was saved', async () => {
    loaded = [{ record: record('old', 1, 'finished', false), outputs: [snapshot], input: null }];
    const store = makeStore();
    await store.getState().restoreJobs();
    await store.getState().clearJobs();
    expect(store.getState().jobs).toEqual([]);
    expect(calls).toContain('clear');
  });
});
