import { describe, expect, it } from 'vitest';
import {
  clampView,
  coarseToFine,
  followPlayhead,
  fractionOf,
  fullView,
  minSpanMs,
  stripSlots,
  timeAt,
  zoomLevel,
  zoomView,
} from './timelineView';

const D = 10_000;

describe('zoom', () => {
  it('keeps the anchor in place and stays within the video', () => {
    const view = zoomView(fullView(D), 2, 2500, D, 100);
    expect(view).toEqual({ startMs: 1250, spanMs: 5000 });
    expect(fractionOf(view, 2500)).toBeCloseTo(0.25);
    expect(zoomView(fullView(D), 2, 0, D, 100)).toEqual({ startMs: 0, spanMs: 5000 });
    expect(zoomView(fullView(D), 2, D, D, 100)).toEqual({ startMs: 5000, spanMs: 5000 });
    expect(zoomLevel(view, D)).toBe(2);
  });

  it('centres an anchor outside the window', () => {
    expect(zoomView({ startMs: 0, spanMs: 4000 }, 2, 6000, D, 100)).toEqual({ startMs: 5000, spanMs: 2000 });
  });

  it('never goes past the narrowest window or the whole video', () => {
    expect(zoomView(fullView(D), 1000, 5000, D, 800).spanMs).toBe(800);
    expect(zoomView({ startMs: 3000, spanMs: 4000 }, 0.1, 5000, D, 800)).toEqual(fullView(D));
  });

  it('narrowest window: a frame of MIN_FRAME_PX px', () => {
    expect(minSpanMs(D, 40, 600)).toBe(1000);
    expect(minSpanMs(500, 40, 6000)).toBe(500);
  });
});

describe('followPlayhead', () => {
  it('leaves the window alone while the playhead is inside', () => {
    const view = { startMs: 2000, spanMs: 1000 };
    expect(followPlayhead(view, 2500, D)).toBe(view);
  });

  it('turns the page in both directions, clamped', () => {
    const view = { startMs: 2000, spanMs: 1000 };
    expect(followPlayhead(view, 3100, D)).toEqual({ startMs: 3000, spanMs: 1000 });
    expect(followPlayhead(view, 1500, D)).toEqual({ startMs: 600, spanMs: 1000 });
    expect(followPlayhead(view, D, D)).toEqual({ startMs: 9000, spanMs: 1000 });
    expect(followPlayhead(view, 0, D)).toEqual({ startMs: 0, spanMs: 1000 });
  });
});

describe('positions', () => {
  it('maps times and fractions both ways, clamped to the window', () => {
    const view = { startMs: 1000, spanMs: 2000 };
    expect(timeAt(view, 0.5)).toBe(2000);
    expect(timeAt(view, -1)).toBe(1000);
    expect(timeAt(view, 2)).toBe(3000);
    expect(fractionOf(view, 4000)).toBe(1.5);
    expect(clampView({ startMs: 9500, spanMs: 2000 }, D)).toEqual({ startMs: 8000, spanMs: 2000 });
  });
});

describe('stripSlots', () => {
  it('covers the whole video at zoom 1, one slot per ~80 px', () => {
    const slots = stripSlots(fullView(D), D, 800, 80);
    expect(slots.map((s) => s.timeMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    expect(slots[1]).toEqual({ timeMs: 1000, left: 0.1, width: 0.1 });
  });

  it('keeps the same grid when the window pans', () => {
    const a = stripSlots({ startMs: 0, spanMs: 2000 }, D, 400, 80).map((s) => s.timeMs);
    const b = stripSlots({ startMs: 1300, spanMs: 2000 }, D, 400, 80).map((s) => s.timeMs);
    expect(a).toEqual([0, 400, 800, 1200, 1600]);
    expect(b).toEqual([1200, 1600, 2000, 2400, 2800, 3200]);
  });

  it('stops before the end of the video', () => {
    expect(stripSlots(fullView(1000), 1000, 100, 80).map((s) => s.timeMs)).toEqual([0]);
  });
});

describe('coarseToFine', () => {
  it('covers the range early and returns every index once', () => {
    expect(coarseToFine(8)).toEqual([0, 4, 2, 6, 1, 3, 5, 7]);
    expect(coarseToFine(5)).toEqual([0, 4, 2, 1, 3]);
    expect(coarseToFine(1)).toEqual([0]);
    expect(coarseToFine(0)).toEqual([]);
    expect([...coarseToFine(37)].sort((a, b) => a - b)).toEqual(Array.from({ length: 37 }, (_, i) => i));
  });
});
