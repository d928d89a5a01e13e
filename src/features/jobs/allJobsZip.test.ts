import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../core/output/manifest';
import { allJobsZipEntries, type PackableJob } from './allJobsZip';

const manifest = (jobId: string) => ({ generator: 'Snapframe', jobId }) as unknown as Manifest;
const job = (name: string, files: string[], done = true): PackableJob => ({
  source: { name },
  outputs: files.map((f) => ({ name: f, blob: new Blob([f]) })),
  manifest: done ? manifest(name) : null,
});

describe('allJobsZipEntries', () => {
  it('puts each finished job in a folder of its own, with its manifest', () => {
    const entries = allJobsZipEntries([
      job('flower.mp4', ['flower_00001000ms.jpg', 'flower_00002000ms.jpg']),
      job('clip.webm', ['x.jpg'], false),
      job('flower.mp4', ['flower_00001000ms.jpg']),
      job('Big_Buck_Bunny_180_10s.webm', ['b.jpg']),
    ]);
    expect(entries.map((e) => e.name)).toEqual([
      'flower/flower_00001000ms.jpg',
      'flower/flower_00002000ms.jpg',
      'flower/manifest.json',
      'flower (2)/flower_00001000ms.jpg',
      'flower (2)/manifest.json',
      'Big_Buck_Bunny_180_10s/b.jpg',
      'Big_Buck_Bunny_180_10s/manifest.json',
    ]);
    const first = entries[2]?.data;
    expect(typeof first === 'string' && JSON.parse(first)).toEqual({ generator: 'Snapframe', jobId: 'flower.mp4' });
  });

  it('is empty without finished jobs', () => {
    expect(allJobsZipEntries([job('a.mp4', ['a.jpg'], false)])).toEqual([]);
  });
});
