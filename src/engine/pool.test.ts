import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from './client';
import { IDLE_SHUTDOWN_MS, WorkerPool } from './pool';

/** A client that only tracks whether its worker runs and whether a call is in flight. */
function fakeClient() {
  const client = {
    running: false,
    busy: false,
    restarts: 0,
    restart: () => {
      client.running = false;
      client.restarts += 1;
    },
    onCoreLoad: () => () => undefined,
  };
  return client;
}

afterEach(() => vi.useRealTimers());

describe('WorkerPool', () => {
  it('shuts idle workers down 10 s after the last job, not while a job runs', () => {
    vi.useFakeTimers();
    const clients = [fakeClient(), fakeClient(), fakeClient()];
    const pool = new WorkerPool(3, IDLE_SHUTDOWN_MS, (i) => clients[i] as unknown as EngineClient);
    const engine = pool.acquire(2);
    expect(engine.lanes).toBe(2);
    expect(engine.lane(1)).toBe(clients[1]);
    clients[0]!.running = clients[1]!.running = true;
    vi.advanceTimersByTime(60_000);
    expect(pool.running).toBe(2);
    pool.release();
    vi.advanceTimersByTime(IDLE_SHUTDOWN_MS - 1);
    expect(pool.running).toBe(2);
    // A job starting in the meantime keeps them.
    pool.acquire(1);
    vi.advanceTimersByTime(60_000);
    expect(pool.running).toBe(2);
    pool.release();
    vi.advanceTimersByTime(IDLE_SHUTDOWN_MS);
    expect(pool.running).toBe(0);
    expect(clients.map((c) => c.restarts)).toEqual([1, 1, 0]);
  });

  it('clamps the lanes to its size and restarts every worker after a crash', () => {
    const clients = [fakeClient(), fakeClient()];
    const pool = new WorkerPool(2, IDLE_SHUTDOWN_MS, (i) => clients[i] as unknown as EngineClient);
    expect(pool.acquire(8).lanes).toBe(2);
    expect(pool.acquire(0).lanes).toBe(1);
    expect(() => pool.client(2)).toThrow(RangeError);
    pool.restartAll();
    expect(clients.map((c) => c.restarts)).toEqual([1, 1]);
  });
});
