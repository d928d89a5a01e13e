import { describe, expect, it } from 'vitest';
import { ascii, box, concat, hex, recordingReader, zeros } from '../fixtures/mp4Bytes';
import { codecString, parseSidx, readOnDemandVideo } from './onDemand';

const u32 = (...values: number[]) => {
  const out = new Uint8Array(4 * values.length);
  values.forEach((v, k) => new DataView(out.buffer).setUint32(4 * k, v));
  return out;
};
const u16 = (...values: number[]) => {
  const out = new Uint8Array(2 * values.length);
  values.forEach((v, k) => new DataView(out.buffer).setUint16(2 * k, v));
  return out;
};

/** A VisualSampleEntry: 24 bytes of fields, width, height, 50 more bytes, then its boxes. */
const visualEntry = (type: string, width: number, height: number, ...children: Uint8Array[]) =>
  box(type, zeros(24), u16(width, height), zeros(50), ...children);
/** avcC of ffmpeg's libx264 High profile level 3.1 file (configurationVersion 1, 0x64, 0x00, 0x1f, …). */
const avcC = box('avcC', hex('0164001fffe1'));
/** tkhd version 0 with the presentation size in 16.16 fixed point. */
const tkhd = (width: number, height: number) => box('tkhd', zeros(76), u32(width * 65536, height * 65536));
const hdlr = (handler: string) => box('hdlr', zeros(8), ascii(handler), zeros(12));
const trak = (entry: Uint8Array, handler = 'vide', size = { width: 960, height: 540 }) =>
  box('trak', tkhd(size.width, size.height), box('mdia', hdlr(handler), box('minf', box('stbl', box('stsd', zeros(4), u32(1), entry)))));
const moov = (...children: Uint8Array[]) => box('moov', box('mvhd', zeros(100)), ...children);
const mvex = box('mvex', box('trex', zeros(24)));
/** sidx version 1 (as ffmpeg writes it): timescale 30000, earliest presentation time, references (bytes, duration). */
const sidx = (ept: number, ...refs: Array<[number, number]>) =>
  box(
    'sidx',
    Uint8Array.of(1, 0, 0, 0),
    u32(1, 30000, Math.floor(ept / 2 ** 32), ept % 2 ** 32, 0, 0),
    u16(0, refs.length),
    ...refs.map(([bytes, duration]) => u32(bytes, duration, 0x90000000)),
  );
const ftyp = box('ftyp', ascii('isom'), u32(512), ascii('isomiso6'));
const fragment = (bytes: number) => concat(box('moof', zeros(16)), box('mdat', zeros(bytes - 24 - 8)));

describe('readOnDemandVideo', () => {
  const head = concat(ftyp, moov(trak(visualEntry('avc1', 960, 540, avcC)), mvex));
  const index = sidx(1001, [3000, 30030], [9000, 60060]);
  const file = concat(head, index, fragment(3000), fragment(9000));

  it('gives the init range (ftyp and moov), the sidx range, codec string and size of a single-file DASH video', async () => {
    const answer = await readOnDemandVideo(recordingReader(file).read, file.length);
    expect(answer).toEqual({
      ok: true,
      video: {
        initEnd: head.length,
        index: { start: head.length, end: head.length + index.length },
        timescale: 30000,
        earliestPresentationTime: 1001,
        references: [
          { bytes: 3000, duration: 30030 },
          { bytes: 9000, duration: 60060 },
        ],
        codecs: 'avc1.64001f',
        width: 960,
        height: 540,
      },
    });
  });

  it('never reads the media data: box headers up to the first moof, then moov and sidx', async () => {
    const { read, reads } = recordingReader(file);
    await readOnDemandVideo(read, file.length);
    const firstMoof = head.length + index.length;
    expect(reads.every(([offset, length]) => offset + Math.min(length, 16) <= firstMoof + 16)).toBe(true);
    expect(reads.filter(([, length]) => length > 16).map(([offset]) => offset)).toEqual([head.length, ftyp.length]);
  });

  it('takes the size from the sample entry when tkhd gives none', async () => {
    const noSize = concat(
      ftyp,
      moov(trak(visualEntry('avc1', 640, 360, avcC), 'vide', { width: 0, height: 0 }), mvex),
      index,
      fragment(3000),
    );
    const answer = await readOnDemandVideo(recordingReader(noSize).read, noSize.length);
    expect(answer.ok && [answer.video.width, answer.video.height]).toEqual([640, 360]);
  });

  it('says why a file is not one', async () => {
    const progressive = concat(ftyp, moov(trak(visualEntry('avc1', 960, 540, avcC))), box('mdat', zeros(100)));
    const moovAtEnd = concat(ftyp, box('mdat', zeros(100)), moov(trak(visualEntry('avc1', 960, 540, avcC))));
    const noMvex = concat(ftyp, moov(trak(visualEntry('avc1', 960, 540, avcC))), index, fragment(3000));
    const twoTracks = concat(ftyp, moov(trak(visualEntry('avc1', 960, 540, avcC)), trak(box('mp4a', zeros(28)), 'soun'), mvex), index);
    const audio = concat(ftyp, moov(trak(box('mp4a', zeros(28)), 'soun'), mvex), index);
    const mpeg4 = concat(ftyp, moov(trak(visualEntry('mp4v', 960, 540)), mvex), index);
    const webm = hex('1a45dfa39f4286810142f7810142f2810442f381084282847765626d');
    const why = async (bytes: Uint8Array) => {
      const answer = await readOnDemandVideo(recordingReader(bytes).read, bytes.length);
      return answer.ok ? null : answer.why;
    };
    expect(await why(progressive)).toEqual({ reason: 'no-sidx' });
    expect(await why(moovAtEnd)).toEqual({ reason: 'no-sidx' });
    expect(await why(noMvex)).toEqual({ reason: 'not-fragmented' });
    expect(await why(twoTracks)).toEqual({ reason: 'tracks', tracks: 2 });
    expect(await why(audio)).toEqual({ reason: 'not-video', handler: 'soun' });
    expect(await why(mpeg4)).toEqual({ reason: 'codec', sampleEntry: 'mp4v' });
    expect(await why(webm)).toEqual({ reason: 'not-mp4' });
  });
});

describe('parseSidx', () => {
  it('reads version 0 and version 1 boxes', () => {
    const v0 = box('sidx', zeros(4), u32(1, 90000, 3003, 0), u16(0, 1), u32(0x80000000 | 500, 180000, 0));
    expect(parseSidx(v0)).toEqual({ timescale: 90000, earliestPresentationTime: 3003, references: [{ bytes: 500, duration: 180000 }] });
    expect(parseSidx(sidx(2 ** 33, [1, 2]))).toEqual({
      timescale: 30000,
      earliestPresentationTime: 2 ** 33,
      references: [{ bytes: 1, duration: 2 }],
    });
  });

  it('refuses a box cut short or with a zero timescale', () => {
    const full = sidx(0, [1, 2], [3, 4]);
    expect(parseSidx(full.subarray(0, full.length - 4))).toBeNull();
    expect(parseSidx(box('sidx', zeros(4), u32(1, 0, 0, 0), u16(0, 0)))).toBeNull();
  });
});

describe('codecString', () => {
  it('writes the RFC 6381 strings of AVC, HEVC, VP9 and AV1 sample entries', () => {
    expect(codecString(visualEntry('avc1', 1, 1, avcC))).toBe('avc1.64001f');
    expect(codecString(visualEntry('avc3', 1, 1, box('avcC', hex('0142c01e'))))).toBe('avc3.42c01e');
    // hvcC: Main profile (space 0, tier 0, idc 1), compatibility flags 0x60000000, constraint byte 0xB0, level 93:
    // ISO/IEC 14496-15 E.3's example "hev1.1.6.L93.B0".
    const hvcC = box('hvcC', hex('01'), hex('01'), hex('60000000'), hex('b00000000000'), Uint8Array.of(93), zeros(10));
    expect(codecString(visualEntry('hev1', 1, 1, hvcC))).toBe('hev1.1.6.L93.B0');
    // Main 10, high tier, level 150 (5.0), profile space 0.
    const hvcC10 = box('hvcC', hex('01'), Uint8Array.of(0x22), hex('20000000'), hex('900000000000'), Uint8Array.of(150), zeros(10));
    expect(codecString(visualEntry('hvc1', 1, 1, hvcC10))).toBe('hvc1.2.4.H150.90');
    // vpcC (FullBox): profile 0, level 30, 8 bits: ffmpeg's DASH muxer writes "vp09.00.30.08" for this file.
    expect(codecString(visualEntry('vp09', 1, 1, box('vpcC', zeros(4), Uint8Array.of(0, 30, 0x80, 1, 1, 1), u16(0))))).toBe(
      'vp09.00.30.08',
    );
    // av1C: marker/version 0x81, profile 0 level 4, main tier 8 bits: "av01.0.04M.08".
    expect(codecString(visualEntry('av01', 1, 1, box('av1C', Uint8Array.of(0x81, 0x04, 0x0c, 0))))).toBe('av01.0.04M.08');
    expect(codecString(visualEntry('av01', 1, 1, box('av1C', Uint8Array.of(0x81, 0x2d, 0xe0, 0))))).toBe('av01.1.13H.12');
  });

  it('gives null for another codec or a missing configuration box', () => {
    expect(codecString(visualEntry('mp4v', 1, 1))).toBeNull();
    expect(codecString(visualEntry('avc1', 1, 1))).toBeNull();
  });
});
