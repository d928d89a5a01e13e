import { describe, expect, it } from 'vitest';
import { FrameQueue } from './frameQueue';

/** A run function whose calls finish when the test says so. */
function controlled() {
  const calls: { request: number; finish: (ok?: boolean) => void }[] = [];
  const run = (request: number) =>
    new Promise<number>((resolve, reject) => {
      calls.push({ request, finish: (ok = true) => (ok ? resolve(request * 10) : reject(new Error(`no ${request}`))) });
    });
  return { calls, run };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('FrameQueue', () => {
  it('runs one request at a time and keeps only the latest preview', async () => {
    const { calls, run } = controlled();
    const queue = new FrameQueue(run);
    const done: number[] = [];
    for (const t of [1, 2, 3, 4]) queue.want('preview', { request: t, onDone: (r) => done.push(r) });
    expect(calls.map((c) => c.request)).toEqual([1]);
    expect(queue.inFlight).toBe(true);
    calls[0]?.finish();
    await tick();
    expect(calls.map((c) => c.request)).toEqual([1, 4]);
    calls[1]?.finish();
    await tick();
    expect(done).toEqual([10, 40]);
    expect(queue.inFlight).toBe(false);
  });

  it('serves preview, then hover, then the strip in order', async () => {
    const { calls, run } = controlled();
    const queue = new FrameQueue(run);
    const noop = () => undefined;
    queue.setStrip([1, 2, 3].map((request) => ({ request, onDone: noop })));
    queue.want('hover', { request: 20, onDone: noop });
    queue.want('preview', { request: 10, onDone: noop });
    for (let i = 0; i < 5; i += 1) {
      calls[i]?.finish();
      await tick();
    }
    expect(calls.map((c) => c.request)).toEqual([1, 10, 20, 2, 3]);
  });

  it('replaces the strip and reports errors without stopping', async () => {
    const { calls, run } = controlled();
    const queue = new FrameQueue(run);
    const errors: unknown[] = [];
    const noop = () => undefined;
    queue.setStrip([1, 2].map((request) => ({ request, onDone: noop, onError: (e) => errors.push(e) })));
    queue.setStrip([7, 8].map((request) => ({ request, onDone: noop })));
    calls[0]?.finish(false);
    await tick();
    expect(errors).toHaveLength(1);
    calls[1]?.finish();
    await tick();
    expect(calls.map((c) => c.request)).toEqual([1, 7, 8]);
    queue.want('hover', null);
  });

  it('survives a run function that throws', async () => {
    const queue = new FrameQueue<number, number>((n) => {
      if (n === 1) throw new Error('sync');
      return Promise.resolve(n);
    });
    const seen: unknown[] = [];
    queue.want('preview', { request: 1, onDone: (r) => seen.push(r), onError: (e) => seen.push((e as Error).message) });
    queue.want('hover', { request: 2, onDone: (r) => seen.push(r) });
    await tick();
    await tick();
    expect(seen).toEqual(['sync', 2]);
  });
});
