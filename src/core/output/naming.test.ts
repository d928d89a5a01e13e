import { describe, expect, it } from 'vitest';
import { VTT_FILE_NAME, cellFileName, snapshotFileName, spriteSheetFileName, videoBaseName, zipFileName } from './naming';

describe('videoBaseName', () => {
  it.each([
    ['flower.mp4', 'flower'],
    ['flower', 'flower'],
    ['my.holiday.clip.MOV', 'my.holiday.clip'],
    ['Été à Paris 2024.webm', 'Été à Paris 2024'],
    ['视频 一.mkv', '视频 一'],
    ['/home/me/videos/flower.mp4', 'flower'],
    ['C:\\Users\\me\\flower.mp4', 'flower'],
    ['a/b\\c.mp4', 'c'],
    ['../../etc/passwd', 'passwd'],
    ['a..b.mp4', 'ab'],
    ['...flower.mp4', 'flower'],
    ['.hidden.mp4', 'hidden'],
    ['.mp4', 'mp4'],
    ['  spaced  name  .mp4', 'spaced  name'],
    ['tab\there\u0000\u001f\u007f\u0085.mp4', 'tabhere'],
    ['evil\u202Egpj.exe.mp4', 'evilgpj.exe'],
    ['what?<is>:this|*".mp4', 'what__is__this___'],
    ['trailing.dots..mp4', 'trailing.dots'],
    ['trailing dot..mp4', 'trailing dot'],
    ['', 'video'],
    ['.mp4.', 'mp4'],
    ['..', 'video'],
    ['...', 'video'],
    ['dir/', 'video'],
    ['   .mp4', 'video'],
    ['\u0001\u0002.mp4', 'video'],
  ])('turns %j into %j', (fileName, base) => {
    expect(videoBaseName(fileName)).toBe(base);
  });

  it('keeps at most 100 characters, without splitting a character or leaving a trailing space', () => {
    expect(videoBaseName(`${'a'.repeat(150)}.mp4`)).toBe('a'.repeat(100));
    expect(videoBaseName(`${'😀'.repeat(120)}.mp4`)).toBe('😀'.repeat(100));
    expect(videoBaseName(`${'a'.repeat(99)} b.mp4`)).toBe('a'.repeat(99));
    expect(videoBaseName(`${'a'.repeat(100)}.mp4`)).toBe('a'.repeat(100));
  });
});

describe('snapshotFileName', () => {
  it('pads the time to 8 digits', () => {
    expect(snapshotFileName('flower.mp4', 1500, 'jpg')).toBe('flower_00001500ms.jpg');
    expect(snapshotFileName('flower.mp4', 0, 'png')).toBe('flower_00000000ms.png');
    expect(snapshotFileName('flower.mp4', 99_999_999, 'webp')).toBe('flower_99999999ms.webp');
  });

  it('gives longer times more digits', () => {
    expect(snapshotFileName('flower.mp4', 100_000_000, 'jpg')).toBe('flower_100000000ms.jpg');
  });

  it('rounds a non-integer time', () => {
    expect(snapshotFileName('flower.mp4', 1499.5, 'jpg')).toBe('flower_00001500ms.jpg');
  });

  it('uses the safe base name', () => {
    expect(snapshotFileName('C:\\clips\\..\\.clip.final.mov', 62_500, 'jpg')).toBe('clip.final_00062500ms.jpg');
    expect(snapshotFileName('', 1, 'jpg')).toBe('video_00000001ms.jpg');
  });

  it('sorts names in time order', () => {
    const names = [10_000, 2000, 999, 1_000_000].map((ms) => snapshotFileName('a.mp4', ms, 'jpg'));
    expect([...names].sort()).toEqual([999, 2000, 10_000, 1_000_000].map((ms) => snapshotFileName('a.mp4', ms, 'jpg')));
  });

  it('refuses negative and non-finite times', () => {
    expect(() => snapshotFileName('a.mp4', -1, 'jpg')).toThrow(RangeError);
    expect(() => snapshotFileName('a.mp4', Number.NaN, 'jpg')).toThrow(RangeError);
  });
});

describe('zipFileName', () => {
  it('names the zip after the video', () => {
    expect(zipFileName('flower.mp4')).toBe('flower_snapshots.zip');
    expect(zipFileName('/tmp/Été.mov')).toBe('Été_snapshots.zip');
    expect(zipFileName('')).toBe('video_snapshots.zip');
  });
});

describe('spriteSheetFileName', () => {
  it.each([
    [0, 'jpg', 'sprite_000.jpg'],
    [1, 'png', 'sprite_001.png'],
    [42, 'webp', 'sprite_042.webp'],
    [999, 'jpg', 'sprite_999.jpg'],
    [1000, 'jpg', 'sprite_1000.jpg'],
  ] as const)('names sheet %d as a %s: %s', (index, format, name) => {
    expect(spriteSheetFileName(index, format)).toBe(name);
  });

  it.each([-1, 1.5, Number.NaN])('refuses the index %d', (index) => {
    expect(() => spriteSheetFileName(index, 'jpg')).toThrow(RangeError);
  });
});

describe('cellFileName', () => {
  it('names a kept cell after the video, its index and its time', () => {
    expect(cellFileName('flower.mp4', 7, 12_000, 'jpg')).toBe('flower_cell_0007_00012000ms.jpg');
    expect(cellFileName('C:\\clips\\a b.mov', 0, 0, 'png')).toBe('a b_cell_0000_00000000ms.png');
    expect(cellFileName('x.mp4', 12_345, 123_456_789.6, 'webp')).toBe('x_cell_12345_123456790ms.webp');
  });

  it('refuses a bad index or time', () => {
    expect(() => cellFileName('a.mp4', -1, 0, 'jpg')).toThrow(RangeError);
    expect(() => cellFileName('a.mp4', 0.5, 0, 'jpg')).toThrow(RangeError);
    expect(() => cellFileName('a.mp4', 0, -1, 'jpg')).toThrow(RangeError);
    expect(() => cellFileName('a.mp4', 0, Number.POSITIVE_INFINITY, 'jpg')).toThrow(RangeError);
  });
});

describe('VTT_FILE_NAME', () => {
  it('is thumbnails.vtt', () => {
    expect(VTT_FILE_NAME).toBe('thumbnails.vtt');
  });
});
