import { describe, expect, it } from 'vitest';
import { ALL_JOBS_ZIP_NAME, uniqueFolderNames } from './folders';

describe('uniqueFolderNames', () => {
  it('names a folder after the video, without extension', () => {
    expect(uniqueFolderNames(['flower.mp4', 'Big_Buck_Bunny_180_10s.webm'])).toEqual(['flower', 'Big_Buck_Bunny_180_10s']);
  });

  it('numbers repeats from 2, case-insensitively', () => {
    expect(uniqueFolderNames(['flower.mp4', 'flower.webm', 'Flower.mov', 'flower.mp4'])).toEqual([
      'flower',
      'flower (2)',
      'Flower (3)',
      'flower (4)',
    ]);
  });

  it('never clashes with a later video whose own name looks like a repeat', () => {
    const names = uniqueFolderNames(['a.mp4', 'a.mp4', 'a (2).mp4']);
    expect(names).toEqual(['a', 'a (2)', 'a (2) (2)']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(3);
  });

  it('sanitises like the file names (no path, no reserved characters, "video" when empty)', () => {
    expect(uniqueFolderNames(['C:\\clips\\a:b.mp4', '../x/', ''])).toEqual(['a_b', 'video', 'video (2)']);
  });

  it('returns nothing for no videos', () => {
    expect(uniqueFolderNames([])).toEqual([]);
  });

  it('names the zip', () => {
    expect(ALL_JOBS_ZIP_NAME).toBe('snapframe_snapshots.zip');
  });
});
