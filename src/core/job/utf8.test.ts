import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from './utf8';

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['\u007f', 1],
    ['\u0080', 2],
    ['é', 2],
    ['\u07ff', 2],
    ['\u0800', 3],
    ['视频', 6],
    ['\uffff', 3],
    ['😀', 4],
    ['a😀b', 6],
    ['\ud83d', 3],
    ['\ude00', 3],
    ['\ude00\ud83d', 6],
    ['x\ud83dy', 5],
  ])('counts %j as %d bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });

  it('agrees with TextEncoder on mixed text', () => {
    const text = `{"name":"Été 视频 😀","lone":"\ud800","n":[1,2,3]}`.repeat(50);
    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
  });
});
