import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../job/types';
import { FLOOR_MS, STARTUP_MS, frameWork, stageBudgetMs } from './budget';

const hd = { codedWidth: 1920, codedHeight: 1080, frameRate: 30, durationMs: 600_000, size: 600e6 } as SourceInfo;

describe('stageBudgetMs', () => {
  it('grows with the frames, their size and the bytes, not one fixed timeout', () => {
    const small = stageBudgetMs({ frames: 30, pixels: 640 * 360, bytes: 0 });
    const big = stageBudgetMs({ frames: 30, pixels: 3840 * 2160, bytes: 0 });
    const long = stageBudgetMs({ frames: 300, pixels: 640 * 360, bytes: 0 });
    expect(small).toBe(FLOOR_MS + 30 * 20);
    expect(big).toBe(FLOOR_MS + 30 * 400);
    expect(long).toBe(FLOOR_MS + 300 * 20);
    expect(stageBudgetMs({ frames: 0, pixels: 0, bytes: 20e6 })).toBe(FLOOR_MS + 10_000);
  });

  it('gives each decoder of the chain its share, and a starting worker its start-up', () => {
    const one = stageBudgetMs({ frames: 100, pixels: 1920 * 1080, bytes: 0 });
    expect(stageBudgetMs({ frames: 100, pixels: 1920 * 1080, bytes: 0, attempts: 2 })).toBe(2 * one - FLOOR_MS);
    expect(stageBudgetMs({ frames: 100, pixels: 1920 * 1080, bytes: 0, startup: true })).toBe(one + STARTUP_MS);
  });

  it('treats unknown figures as no work rather than NaN', () => {
    expect(stageBudgetMs({ frames: NaN, pixels: NaN, bytes: Infinity })).toBe(FLOOR_MS);
  });
});

describe('frameWork', () => {
  it('counts the frames of the widest window before t, at most 30 s, and their share of the bytes', () => {
    expect(frameWork(hd, 0)).toEqual({ frames: 30, pixels: 1920 * 1080, bytes: 1e6 });
    expect(frameWork(hd, 9_000).frames).toBe(300);
    expect(frameWork(hd, 300_000).frames).toBe(31 * 30);
    expect(frameWork({ ...hd, frameRate: null }, 0).frames).toBe(30);
  });
});
