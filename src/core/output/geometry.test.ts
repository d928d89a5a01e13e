import { describe, expect, it } from 'vitest';
import { DEFAULT_CELL_WIDTH_PX, MAX_SIDE_PX, MIN_SIDE_PX, cellSize, displaySize, fitRect, isPortrait, resolveOutputSize } from './geometry';

describe('side limits', () => {
  it("are Alibaba's [8, 4096]", () => {
    expect([MIN_SIDE_PX, MAX_SIDE_PX]).toEqual([8, 4096]);
  });
});

describe('displaySize', () => {
  it('keeps square pixels unrotated', () => {
    expect(displaySize(1920, 1080, [1, 1], 0)).toEqual({ width: 1920, height: 1080 });
    expect(displaySize(1920, 1080, [1, 1], 180)).toEqual({ width: 1920, height: 1080 });
  });

  it('swaps the sides for 90 and 270 degrees', () => {
    expect(displaySize(1920, 1080, [1, 1], 90)).toEqual({ width: 1080, height: 1920 });
    expect(displaySize(1920, 1080, [1, 1], 270)).toEqual({ width: 1080, height: 1920 });
  });

  it('stretches the width by the sample aspect ratio (anamorphic DVD)', () => {
    expect(displaySize(720, 576, [16, 15], 0)).toEqual({ width: 768, height: 576 });
    expect(displaySize(720, 480, [32, 27], 0)).toEqual({ width: 853, height: 480 });
    expect(displaySize(1440, 1080, [4, 3], 0)).toEqual({ width: 1920, height: 1080 });
  });

  it('applies the sample aspect ratio before the rotation', () => {
    expect(displaySize(1440, 1080, [4, 3], 90)).toEqual({ width: 1080, height: 1920 });
  });

  it('rounds to the nearest pixel', () => {
    expect(displaySize(100, 50, [3, 2], 0).width).toBe(150);
    expect(displaySize(101, 50, [3, 2], 0).width).toBe(152); // 151.5 → 152
    expect(displaySize(100, 50, [1, 3], 0).width).toBe(33);
  });

  it.each([[[0, 1]], [[0, 0]], [[1, 0]], [[-4, 3]], [[Number.NaN, 1]], [[Number.POSITIVE_INFINITY, 1]]] as [[number, number]][])(
    'treats the invalid ratio %j as 1:1',
    (sar) => {
      expect(displaySize(640, 480, sar, 0)).toEqual({ width: 640, height: 480 });
    },
  );

  it('refuses a non-positive coded size', () => {
    expect(() => displaySize(0, 480, [1, 1], 0)).toThrow(RangeError);
    expect(() => displaySize(640, Number.NaN, [1, 1], 0)).toThrow(RangeError);
  });
});

describe('resolveOutputSize', () => {
  const source = { width: 1920, height: 1080 };

  it('uses the source size when neither side is given', () => {
    expect(resolveOutputSize(source, null, null)).toEqual({ width: 1920, height: 1080 });
  });

  it('follows the aspect ratio from the width', () => {
    expect(resolveOutputSize(source, 640, null)).toEqual({ width: 640, height: 360 });
    expect(resolveOutputSize(source, 100, null)).toEqual({ width: 100, height: 56 }); // 56.25
    expect(resolveOutputSize(source, 200, null)).toEqual({ width: 200, height: 113 }); // 112.5 → 113
  });

  it('follows the aspect ratio from the height', () => {
    expect(resolveOutputSize(source, null, 360)).toEqual({ width: 640, height: 360 });
    expect(resolveOutputSize({ width: 1080, height: 1920 }, null, 100)).toEqual({ width: 56, height: 100 });
  });

  it('keeps at least one pixel on the derived side', () => {
    expect(resolveOutputSize({ width: 4096, height: 8 }, 8, null)).toEqual({ width: 8, height: 1 });
    expect(resolveOutputSize({ width: 8, height: 4096 }, null, 8)).toEqual({ width: 1, height: 8 });
  });

  it('takes both sides exactly as given', () => {
    expect(resolveOutputSize(source, 100, 100)).toEqual({ width: 100, height: 100 });
  });

  it('refuses a source without a size', () => {
    expect(() => resolveOutputSize({ width: 0, height: 1080 }, 640, null)).toThrow(RangeError);
  });
});

describe('fitRect', () => {
  it('fills a box of the same aspect', () => {
    expect(fitRect({ width: 1920, height: 1080 }, { width: 640, height: 360 })).toEqual({ x: 0, y: 0, width: 640, height: 360 });
  });

  it('letterboxes a wide source in a square box (bars above and below)', () => {
    expect(fitRect({ width: 1920, height: 1080 }, { width: 100, height: 100 })).toEqual({ x: 0, y: 22, width: 100, height: 56 });
  });

  it('pillarboxes a tall source in a wide box (bars left and right)', () => {
    expect(fitRect({ width: 1080, height: 1920 }, { width: 640, height: 360 })).toEqual({ x: 218, y: 0, width: 203, height: 360 });
  });

  it('centres with the odd pixel on the far side', () => {
    const rect = fitRect({ width: 4, height: 3 }, { width: 100, height: 100 });
    expect(rect).toEqual({ x: 0, y: 12, width: 100, height: 75 });
    expect(rect.y + rect.height + rect.y + 1).toBe(100);
  });

  it('scales up a small source', () => {
    expect(fitRect({ width: 16, height: 9 }, { width: 1600, height: 1600 })).toEqual({ x: 0, y: 350, width: 1600, height: 900 });
  });

  it('keeps at least one pixel and stays inside the box', () => {
    expect(fitRect({ width: 10_000, height: 1 }, { width: 8, height: 8 })).toEqual({ x: 0, y: 3, width: 8, height: 1 });
    const rect = fitRect({ width: 333, height: 100 }, { width: 1000, height: 300 });
    expect(rect.width).toBeLessThanOrEqual(1000);
    expect(rect.height).toBeLessThanOrEqual(300);
    expect(rect).toEqual({ x: 0, y: 0, width: 999, height: 300 });
  });

  it('refuses empty sizes', () => {
    expect(() => fitRect({ width: 0, height: 1 }, { width: 8, height: 8 })).toThrow(RangeError);
    expect(() => fitRect({ width: 1, height: 1 }, { width: 8, height: -8 })).toThrow(RangeError);
  });
});

describe('resolveOutputSize with resolutionAdaptive (Tencent)', () => {
  const portrait = { width: 1080, height: 1920 };
  const landscape = { width: 1920, height: 1080 };

  it('reads width as the long side and height as the short side of a portrait source', () => {
    expect(resolveOutputSize(portrait, 640, 360, true)).toEqual({ width: 360, height: 640 });
    expect(resolveOutputSize(portrait, 640, null, true)).toEqual({ width: 360, height: 640 });
    expect(resolveOutputSize(portrait, null, 360, true)).toEqual({ width: 360, height: 640 });
  });

  it('changes nothing for a landscape or square source, or when off', () => {
    expect(resolveOutputSize(landscape, 640, 360, true)).toEqual({ width: 640, height: 360 });
    expect(resolveOutputSize({ width: 500, height: 500 }, 640, 360, true)).toEqual({ width: 640, height: 360 });
    expect(resolveOutputSize(portrait, 640, 360, false)).toEqual({ width: 640, height: 360 });
    expect(resolveOutputSize(portrait, 640, 360)).toEqual({ width: 640, height: 360 });
    expect(resolveOutputSize(portrait, 640, null)).toEqual({ width: 640, height: 1138 });
  });

  it('keeps the source size when neither side is given', () => {
    expect(resolveOutputSize(portrait, null, null, true)).toEqual(portrait);
  });
});

describe('isPortrait', () => {
  it('is true only when taller than wide', () => {
    expect(isPortrait({ width: 1080, height: 1920 })).toBe(true);
    expect(isPortrait({ width: 1920, height: 1080 })).toBe(false);
    expect(isPortrait({ width: 100, height: 100 })).toBe(false);
  });
});

describe('cellSize', () => {
  it('defaults to 160 px wide with the height from the aspect ratio', () => {
    expect(DEFAULT_CELL_WIDTH_PX).toBe(160);
    expect(cellSize({ width: 1920, height: 1080 }, null, null)).toEqual({ width: 160, height: 90 });
    expect(cellSize({ width: 1080, height: 1920 }, null, null)).toEqual({ width: 160, height: 284 });
    expect(cellSize({ width: 720, height: 576 }, null, null)).toEqual({ width: 160, height: 128 });
    expect(cellSize({ width: 1080, height: 1920 }, null, null, true)).toEqual({ width: 160, height: 284 });
  });

  it('lets the other side follow when one is given', () => {
    expect(cellSize({ width: 1920, height: 1080 }, 320, null)).toEqual({ width: 320, height: 180 });
    expect(cellSize({ width: 1920, height: 1080 }, null, 90)).toEqual({ width: 160, height: 90 });
  });

  it('takes both as given', () => {
    expect(cellSize({ width: 1080, height: 1920 }, 160, 90)).toEqual({ width: 160, height: 90 });
  });

  it('applies resolutionAdaptive to the typed sides', () => {
    expect(cellSize({ width: 1080, height: 1920 }, 160, 90, true)).toEqual({ width: 90, height: 160 });
    expect(cellSize({ width: 1080, height: 1920 }, 320, null, true)).toEqual({ width: 180, height: 320 });
  });

  it('refuses a non-positive source', () => {
    expect(() => cellSize({ width: 0, height: 1080 }, null, null)).toThrow(RangeError);
  });
});
