import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectVideos, parseShard, shardOf } from './inputs';

describe('shardOf', () => {
  it('N shards cover every item exactly once, in order, sizes within one', () => {
    for (const length of [0, 1, 5, 9, 10, 101]) {
      const items = Array.from({ length }, (_, i) => i);
      for (const count of [1, 2, 3, 4, 7, 12]) {
        const parts = Array.from({ length: count }, (_, index) => shardOf(items, { index, count }));
        expect(parts.flat()).toEqual(items);
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('parseShard', () => {
  it('reads I/N and refuses the rest', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/2', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(/--shard must be I\/N/);
  });
});

describe('collectVideos', () => {
  it('walks folders for video extensions, sorted, skipping hidden entries and the output folder; names unique', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-inputs-'));
    for (const rel of ['b/flower.mp4', 'a/flower.webm', 'a/notes.txt', 'a/.hidden.mp4', 'out/x.mp4', 'c/Clip.MOV']) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), '');
    }
    const videos = await collectVideos([root, path.join(root, 'a/notes.txt')], path.join(root, 'out'));
    expect(videos.map((v) => path.relative(root, v.file))).toEqual(['a/flower.webm', 'a/notes.txt', 'b/flower.mp4', 'c/Clip.MOV']);
    expect(videos.map((v) => v.name)).toEqual(['flower', 'notes', 'flower (2)', 'Clip']);
    await expect(collectVideos([path.join(root, 'missing')], root)).rejects.toThrow(/missing: no such file or folder/);
    fs.rmSync(root, { recursive: true });
  });
});
