import { describe, expect, it } from 'vitest';
import { inspectMp4, parseBoxHeader, protectedEntries, psshSystem, undecodableVideoCodec } from './mp4Boxes';
import { ascii, box, concat, fullBox, hex, recordingReader, zeros } from '../fixtures/mp4Bytes';

/** A visual sample entry (78 bytes of fields) with children. */
const visualEntry = (type: string, ...children: Uint8Array[]) => box(type, zeros(78), ...children);
const sinf = (scheme: string) =>
  box('sinf', box('frma', ascii('avc1')), fullBox('schm', ascii(scheme), zeros(4)), box('schi', fullBox('tenc', zeros(24))));
const stsd = (...entries: Uint8Array[]) => fullBox('stsd', Uint8Array.of(0, 0, 0, entries.length), ...entries);
const trak = (sampleEntry: Uint8Array) => box('trak', box('mdia', box('minf', box('stbl', stsd(sampleEntry), box('stts', zeros(8))))));
const WIDEVINE = 'edef8ba979d64acea3c827dcd51d21ed';
const pssh = (system: string) => fullBox('pssh', hex(system), zeros(4));

describe('parseBoxHeader', () => {
  it('reads 32-bit, 64-bit and to-the-end sizes', () => {
    expect(parseBoxHeader(box('ftyp', zeros(8)), 0, 0, 100)).toEqual({ type: 'ftyp', start: 0, size: 16, headerSize: 8 });
    const large = concat(Uint8Array.of(0, 0, 0, 1), ascii('mdat'), Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 0));
    expect(parseBoxHeader(large, 0, 0, 2 ** 33)).toEqual({ type: 'mdat', start: 0, size: 2 ** 32, headerSize: 16 });
    const open = concat(Uint8Array.of(0, 0, 0, 0), ascii('mdat'));
    expect(parseBoxHeader(open, 0, 40, 1000)).toEqual({ type: 'mdat', start: 40, size: 960, headerSize: 8 });
  });

  it('refuses bytes that cannot be a box', () => {
    expect(parseBoxHeader(ascii('This is a text file.'), 0, 0, 20)).toBeNull(); // size past the end
    expect(parseBoxHeader(Uint8Array.of(0, 0, 0, 16, 0, 1, 2, 3), 0, 0, 16)).toBeNull(); // type not ASCII
    expect(parseBoxHeader(Uint8Array.of(0, 0, 0, 4, 0x66, 0x72, 0x65, 0x65), 0, 0, 16)).toBeNull(); // size < header
    expect(parseBoxHeader(zeros(4), 0, 0, 16)).toBeNull();
  });
});

describe('protectedEntries', () => {
  it('names the scheme of encv/enca entries and ignores clear ones', () => {
    expect(protectedEntries(stsd(visualEntry('encv', box('avcC', zeros(4)), sinf('cenc'))))).toEqual(['cenc']);
    expect(protectedEntries(stsd(box('enca', zeros(28), sinf('cbcs'))))).toEqual(['cbcs']);
    expect(protectedEntries(stsd(visualEntry('avc1', box('avcC', zeros(4)))))).toEqual([]);
  });
  it('reports FairPlay entries and protected entries without a schm', () => {
    expect(protectedEntries(stsd(visualEntry('drmi')))).toEqual(['fairplay']);
    expect(protectedEntries(stsd(visualEntry('encv', box('avcC', zeros(4)))))).toEqual(['']);
  });
});

describe('psshSystem', () => {
  it('names known DRM systems and gives others as hex', () => {
    expect(psshSystem(pssh(WIDEVINE))).toBe('Widevine');
    expect(psshSystem(pssh('1077efecc0b24d02ace33c1e52e2fb4b'))).toBe('ClearKey');
    expect(psshSystem(pssh('00112233445566778899aabbccddeeff'))).toBe('00112233445566778899aabbccddeeff');
  });
});

describe('inspectMp4', () => {
  const ftyp = box('ftyp', ascii('isom'), zeros(4));
  const mdat = box('mdat', zeros(4096));

  it('finds a CENC track in a moov that follows the media data, without reading the media data', async () => {
    const file = concat(ftyp, mdat, box('moov', fullBox('mvhd', zeros(96)), trak(visualEntry('encv', sinf('cenc')))));
    const { read, reads } = recordingReader(file);
    expect(await inspectMp4(read, file.length)).toEqual({ sampleEntries: ['encv'], protection: { schemes: ['cenc'], systems: [] } });
    const mdatStart = ftyp.length;
    expect(reads.every(([offset, length]) => offset + length <= mdatStart + 16 || offset >= mdatStart + mdat.length)).toBe(true);
  });

  it('names the DRM system of a pssh in moov (Widevine)', async () => {
    const file = concat(ftyp, box('moov', pssh(WIDEVINE), trak(visualEntry('encv', sinf('cbcs')))), mdat);
    expect((await inspectMp4(recordingReader(file).read, file.length))?.protection).toEqual({ schemes: ['cbcs'], systems: ['Widevine'] });
  });

  it('lists the codecs of a clear MP4, and finds undecodable ones (VVC)', async () => {
    const clear = concat(ftyp, box('moov', trak(visualEntry('avc1', box('avcC', zeros(4)))), trak(box('mp4a', zeros(28)))), mdat);
    expect(await inspectMp4(recordingReader(clear).read, clear.length)).toEqual({ sampleEntries: ['avc1', 'mp4a'], protection: null });
    expect(undecodableVideoCodec(['avc1', 'mp4a'])).toBeNull();
    const vvc = concat(ftyp, box('moov', trak(visualEntry('vvc1', box('vvcC', zeros(4))))), mdat);
    const facts = await inspectMp4(recordingReader(vvc).read, vvc.length);
    expect(undecodableVideoCodec(facts?.sampleEntries ?? [])).toMatch(/^VVC \(H\.266\), sample entry "vvc1"$/);
  });

  it('returns null for a non-MP4 file; stops at garbage after the first box', async () => {
    const text = ascii('This is a text file, not a video.\n'.repeat(20));
    expect(await inspectMp4(recordingReader(text).read, text.length)).toBeNull();
    const webm = Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0, 0, 0);
    expect(await inspectMp4(recordingReader(webm).read, webm.length)).toBeNull();
    const cut = concat(ftyp, Uint8Array.of(0, 0, 0x10, 0), ascii('moov'), zeros(20));
    expect(await inspectMp4(recordingReader(cut).read, cut.length)).toEqual({ sampleEntries: [], protection: null });
  });
});
