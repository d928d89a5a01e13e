/**
 * The MP4 sample tables against the file size, on test-media/flower.mp4 (faststart: moov before mdat) cut as a
 * download that stopped. Expected figures from native ffprobe's packet list (`-show_entries packet=pts_time,pos,size`):
 * cut at 677,025 bytes, 90 video packets lie wholly in the file, the last of them shown at 2.969633 s, and the first
 * missing one after it at 3.003 s.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMp4DataEnd } from './mp4DataEnd';

const flower = fs.readFileSync(new URL('../../../test-media/flower.mp4', import.meta.url));
const reader = (bytes: Uint8Array) => async (offset: number, length: number) => bytes.subarray(offset, offset + length);

describe('readMp4DataEnd', () => {
  it('finds every sample of a complete file present, and the indexed end at the last frame', async () => {
    const end = await readMp4DataEnd(reader(flower), flower.length);
    expect(end).not.toBeNull();
    expect(end!.dataEndMs).toBeNull();
    expect(end!.videoSamples).toBe(150);
    expect(end!.presentSamples).toBe(150);
    expect(end!.indexedBytes).toBe(flower.length);
    // 150 frames at 1001/30000 s: the last ends at 5.005 s
    expect(end!.indexedEndMs).toBeCloseTo(5005, 0);
  });

  it('finds where the data of a cut file ends', async () => {
    const cut = flower.subarray(0, 677_025);
    const end = await readMp4DataEnd(reader(cut), cut.length);
    expect(end!.presentSamples).toBe(90);
    expect(end!.dataEndMs).toBeCloseTo(3003, 1);
    expect(end!.indexedBytes).toBe(flower.length);
  });

  it('gives null for a file without moov (not ISO BMFF) and for a file cut before its moov ends', async () => {
    const text = new TextEncoder().encode('not a video at all, only text '.repeat(10));
    expect(await readMp4DataEnd(reader(text), text.length)).toBeNull();
    const headless = flower.subarray(0, 2000);
    expect(await readMp4DataEnd(reader(headless), headless.length)).toBeNull();
  });

  it('survives a damaged table length (a box size overwritten) without throwing', async () => {
    for (const at of [40, 300, 1200, 2500, 4000]) {
      const damaged = Uint8Array.from(flower.subarray(0, 8000));
      damaged.set([0xff, 0xff, 0xff, 0xf0], at);
      await expect(readMp4DataEnd(reader(damaged), damaged.length)).resolves.toBeDefined();
    }
  });
});
