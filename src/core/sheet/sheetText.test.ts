import { describe, expect, it } from 'vitest';
import {
  TIMESTAMP_POSITIONS,
  formatBitrate,
  formatBinaryBytes,
  headerLines,
  headerMetrics,
  textColorOn,
  timestampFontPx,
  timestampLabel,
  timestampLabels,
  timestampPlacement,
} from './sheetText';

const flower = {
  name: 'flower.mp4',
  size: 1_258_291,
  durationMs: 5000,
  codec: 'h264',
  codecLongName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
  width: 1920,
  height: 1080,
  frameRate: 29.97002997,
};

describe('headerMetrics', () => {
  it('follows the sheet width: 20 px type on a 1600 px sheet, three lines of 1.4 × the font, 0.6 × above and below', () => {
    expect(headerMetrics(1600)).toEqual({ fontPx: 20, lineHeight: 28, padding: 12, height: 2 * 12 + 3 * 28 });
  });
  it('keeps the font between 10 and 28 px', () => {
    expect(headerMetrics(160).fontPx).toBe(10);
    expect(headerMetrics(16384).fontPx).toBe(28);
  });
});

describe('headerLines', () => {
  it("writes vcsi's facts: name; size, duration, bitrate; codec, resolution, frame rate", () => {
    expect(headerLines(flower)).toEqual([
      'flower.mp4',
      'File size: 1.2 MiB · Duration: 0:05.000 · Bitrate: 2.01 Mb/s',
      'Video: h264 (H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10) · 1920x1080 · 29.97 fps',
    ]);
  });
  it('says when the frame rate is unknown, and leaves out the bitrate of a zero duration', () => {
    const lines = headerLines({ ...flower, frameRate: null, durationMs: 0, codecLongName: 'h264' });
    expect(lines[1]).toBe('File size: 1.2 MiB · Duration: 0:00.000');
    expect(lines[2]).toBe('Video: h264 · 1920x1080 · frame rate unknown');
  });
});

describe('formatBinaryBytes / formatBitrate', () => {
  it('uses binary prefixes for sizes and SI ones for rates', () => {
    expect([
      formatBinaryBytes(512),
      formatBinaryBytes(2048),
      formatBinaryBytes(150 * 1024 * 1024),
      formatBinaryBytes(3 * 1024 ** 3),
    ]).toEqual(['512 B', '2.0 KiB', '150 MiB', '3.0 GiB']);
    expect([formatBitrate(850_000), formatBitrate(12_345_678)]).toEqual(['850 kb/s', '12.35 Mb/s']);
  });
});

describe('timestampLabel(s)', () => {
  it('writes m:ss under an hour, h:mm:ss from an hour, with ms when asked', () => {
    expect(timestampLabel(65_000, { hours: false, millis: false })).toBe('1:05');
    expect(timestampLabel(3_725_500, { hours: false, millis: true })).toBe('1:02:05.500');
    expect(timestampLabel(5_000, { hours: true, millis: false })).toBe('0:00:05');
  });
  it('writes every cell of a job alike', () => {
    expect(timestampLabels([0, 2000, 4000], 5000)).toEqual(['0:00', '0:02', '0:04']);
    expect(timestampLabels([0, 1500], 5000)).toEqual(['0:00.000', '0:01.500']);
    expect(timestampLabels([0, 600_000], 7_200_000)).toEqual(['0:00:00', '0:10:00']);
  });
});

describe('timestampPlacement', () => {
  const cell = { x: 100, y: 50, width: 160, height: 90 };
  const font = timestampFontPx(90);
  it('sizes the font from the cell: 13 px on a 90 px cell, 8 to 48 px', () => {
    expect([font, timestampFontPx(10), timestampFontPx(2000)]).toEqual([13, 8, 48]);
  });
  it('puts the box in each of the nine places, inside the cell', () => {
    const boxes = Object.fromEntries(TIMESTAMP_POSITIONS.map((p) => [p, timestampPlacement(cell, p, 40, font).box]));
    const inset = 4;
    const { width, height } = boxes['top-left']!;
    expect(width).toBe(40 + 2 * 4);
    expect(height).toBe(Math.ceil(13 * 1.2) + 2 * 2);
    expect([boxes['top-left']!.x, boxes['top-left']!.y]).toEqual([100 + inset, 50 + inset]);
    expect([boxes['bottom-right']!.x + width, boxes['bottom-right']!.y + height]).toEqual([260 - inset, 140 - inset]);
    expect(boxes.center!.x + width / 2).toBe(180);
    expect(boxes.center!.y + height / 2).toBe(95);
    expect([boxes.top!.y, boxes.bottom!.y + height, boxes.left!.x, boxes.right!.x + width]).toEqual([54, 136, 104, 256]);
    for (const box of Object.values(boxes)) {
      expect(box.x).toBeGreaterThanOrEqual(cell.x);
      expect(box.y + box.height).toBeLessThanOrEqual(cell.y + cell.height);
    }
  });
  it('starts the text inside the box, centred vertically', () => {
    const { box, textX, textY } = timestampPlacement(cell, 'bottom-left', 40, font);
    expect(textX).toBe(box.x + 4);
    expect(textY).toBe(box.y + box.height / 2);
  });
  it('never leaves a cell narrower than the text', () => {
    const { box } = timestampPlacement({ x: 0, y: 0, width: 20, height: 12 }, 'right', 80, 8);
    expect([box.x, box.width, box.height <= 12]).toEqual([0, 20, true]);
  });
});

describe('textColorOn', () => {
  it('writes white on dark backgrounds and black on light ones', () => {
    expect(['black', 'navy', '#333', 'white', '#ffeeaa', 'yellow'].map(textColorOn)).toEqual([
      '#ffffff',
      '#ffffff',
      '#ffffff',
      '#000000',
      '#000000',
      '#000000',
    ]);
  });
});
