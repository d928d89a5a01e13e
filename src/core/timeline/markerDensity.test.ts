import { describe, expect, it } from 'vitest';
import { marksToDraw, MIN_MARK_GAP_PX } from './markerDensity';

const view = { startMs: 0, spanMs: 10_000 };
const marks = (times: number[]) => times.map((ms, index) => ({ index, ms }));

describe('marksToDraw', () => {
  it('draws every mark when they are far apart', () => {
    const all = marks([0, 2500, 5000, 10_000]);
    expect(marksToDraw(all, view, 1000)).toEqual({ drawn: all, merged: 0 });
  });

  it('leaves out marks outside the visible window without counting them as merged', () => {
    const { drawn, merged } = marksToDraw(marks([500, 1500, 2500]), { startMs: 1000, spanMs: 1000 }, 1000);
    expect(drawn.map((m) => m.ms)).toEqual([1500]);
    expect(merged).toBe(0);
  });

  it('draws at most one mark per column of MIN_MARK_GAP_PX', () => {
    const dense = marks(Array.from({ length: 10_000 }, (_, i) => i));
    const { drawn, merged } = marksToDraw(dense, view, 1000);
    expect(drawn.length).toBe(1000 / MIN_MARK_GAP_PX);
    expect(merged).toBe(10_000 - drawn.length);
    expect(drawn[0]?.ms).toBe(0);
  });

  it('always draws the kept mark (the selected marker), even in a taken column', () => {
    const close = marks([1000, 1001, 1002]);
    const { drawn } = marksToDraw(close, view, 1000, (m) => m.index === 2);
    expect(drawn.map((m) => m.index)).toEqual([0, 2]);
  });

  it('keeps every visible mark before the track is laid out (width 0)', () => {
    expect(marksToDraw(marks([1, 2, 3]), view, 0).drawn).toHaveLength(3);
  });

  it('puts a mark at the very end of the window in the last column', () => {
    const { drawn } = marksToDraw(marks([9_999, 10_000]), view, 1000);
    expect(drawn.map((m) => m.ms)).toEqual([9_999]);
  });
});
