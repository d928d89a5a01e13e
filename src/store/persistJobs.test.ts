/**
 * Storage never fails a job: with no IndexedDB at all (as here in Node, or with storage turned off), the
 * jobs slice with the real store/persistJobs.ts still runs a job to the end, keeps its outputs in memory and shows
 * why its results will not survive a reload. Loading saved jobs then gives nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { DEFAULT_SPEC_INPUT } from '../core/job/spec';
import type { StoreState } from './index';
import { createJobsSlice } from './jobsSlice';
import { loadJobs } from './persistJobs';
import { savedBytes } from './selectors';
import { createSourceSlice } from './sourceSlice';
import { createSpecSlice } from './specSlice';
import { testSource } from '../core/fixtures/sourceInfo';

const info = testSource({
  name: 'clip.webm',
  size: 1000,
  container: 'matroska,webm',
  codec: 'vp9',
  codecLongName: 'Google VP9',
  codedWidth: 320,
  codedHeight: 180,
  width: 320,
  height: 180,
});

vi.mock('../engine/api', () => ({
  probeSource: async () => info,
  createSnapshotJob: async (_f: File, _s: unknown, _spec: unknown, options: { onOutput: (o: unknown) => void }) => {
    const output = {
      kind: 'snapshot',
      name: 'clip_00000000.jpg',
      blob: new Blob(['jpeg']),
      requestedMs: 0,
      actualMs: 0,
      width: 320,
      height: 180,
    };
    options.onOutput(output);
    return { outputs: [output], skipped: [], decoder: 'webcodecs', manifest: { files: [] } };
  },
}));

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('without IndexedDB', () => {
  it('the job finishes with its outputs and a note saying its results will not survive a reload', async () => {
    expect(typeof indexedDB).toBe('undefined');
    const store = createStore<StoreState>()(
      (...a) => ({ ...createSourceSlice(...a), ...createSpecSlice(...a), ...createJobsSlice(...a) }) as StoreState,
    );
    await store.getState().openFiles([new File(['x'], 'clip.webm')]);
    store.getState().replaceSpecInput({ ...DEFAULT_SPEC_INPUT, offsetsText: '0' });
    const id = store.getState().createJob();
    expect(id).not.toBeNull();
    await settle();
    const job = store.getState().jobs[0]!;
    expect(job.status).toBe('finished');
    expect(job.outputs).toHaveLength(1);
    expect(job.storage.saved).toBe(false);
    expect(job.storage.note).toBe(
      "This job's results will not survive a page reload: the browser did not let Snapframe save them " +
        '(IndexedDB is not available in this browser). The job itself is not affected.',
    );
    expect(savedBytes(store.getState().jobs)).toBe(0);
    expect(await loadJobs()).toEqual([]);
  });
});
