/**
 * Finds protected (encrypted, DRM) video in ISO base media files (MP4, MOV, fMP4) by walking their boxes, without
 * decoding. ffprobe reads an encrypted MP4's streams as if they were plain ("h264, 960x540"), and the decoder then
 * fails on every frame with noise, so the probe asks this first and refuses the file with a sentence that says why.
 *
 * Rules, from ISO/IEC 14496-12 (box header, sample entries `encv`/`enca`, `sinf`/`frma`/`schm`) and ISO/IEC 23001-7
 * (Common Encryption: schemes `cenc`, `cens`, `cbc1`, `cbcs`; `tenc`; `pssh` with its DRM system id). Apple's
 * FairPlay-protected iTunes files use the sample entries `drmi` (video) and `drms` (audio).
 * Only the box headers on the way down to `stsd` are read (moov may sit at the end of a multi-GB file).
 */

/** A box header: four-character type, where the box starts and its total size (bytes, header included). */
export interface BoxHeader {
  type: string;
  /** Absolute offset of the box's first byte. */
  start: number;
  /** Total size in bytes, header included. */
  size: number;
  /** 8, or 16 with a 64-bit `largesize` (or +16 for a `uuid` extended type). */
  headerSize: number;
}

/** What protects a file: the encryption schemes of its protected tracks and the DRM systems it names. */
export interface Protection {
  /** `schm` scheme types, e.g. ["cenc"] or ["cbcs"]; ["fairplay"] for `drmi`/`drms` entries; may be empty. */
  schemes: string[];
  /** DRM systems named by `pssh` boxes in moov, e.g. ["Widevine", "PlayReady"]; unknown ids as their UUID. */
  systems: string[];
}

/** What the box walk found in an ISO base media file. */
export interface Mp4Facts {
  /** Sample entry types (codec four-character codes) of every track, e.g. ["avc1", "mp4a"] or ["encv", "enca"]. */
  sampleEntries: string[];
  /** The protection found, or null when no track is protected. */
  protection: Protection | null;
}

/** Reads `length` bytes at `offset` of the file (fewer at its end). */
export type ByteReader = (offset: number, length: number) => Promise<Uint8Array>;

/** Types a top-level box of an ISO base media file can have; the first box must be one of them. */
const TOP_LEVEL = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pdin', 'moof', 'sidx', 'uuid', 'meta', 'pnot']);
/** Boxes whose children lead from moov to the sample descriptions. */
const PATH_TO_STSD = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
/** Sample entries of protected tracks; their `sinf` holds the scheme. */
const PROTECTED_ENTRIES = new Set(['encv', 'enca', 'enct', 'encs', 'drmi', 'drms']);
/** Bytes between a sample entry's header and its child boxes (ISO/IEC 14496-12 VisualSampleEntry, AudioSampleEntry). */
const ENTRY_FIELDS: Record<string, number> = { encv: 78, drmi: 78, enca: 28, drms: 28 };
/** `pssh` SystemIDs of the common DRM systems (dashif.org/identifiers/content_protection). */
const SYSTEMS: Record<string, string> = {
  edef8ba979d64acea3c827dcd51d21ed: 'Widevine',
  '9a04f07998404286ab92e65be0885f95': 'PlayReady',
  '94ce86fb07ff4f43adb893d2fa968ca2': 'FairPlay',
  '1077efecc0b24d02ace33c1e52e2fb4b': 'ClearKey',
  e2719d58a985b3c9781ab030af78d30e: 'ClearKey',
};
/** Limits that keep a hostile file from making the walk long: boxes visited, bytes of one `stsd` read. */
const MAX_BOXES = 10_000;
const MAX_STSD_BYTES = 1 << 20;

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

function uint32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at);
}

/**
 * Parses the box header at `bytes[at]`.
 * @param bytes at least 8 bytes (16 for a 64-bit size) from the header's start
 * @param start the header's absolute offset in the file
 * @param end absolute offset where the enclosing box (or the file) ends: a size of 0 means "up to here"
 * @returns the header, or null when the bytes cannot be a box (type not printable ASCII, size below the header,
 *   or past `end`)
 */
export function parseBoxHeader(bytes: Uint8Array, at: number, start: number, end: number): BoxHeader | null {
  if (bytes.length - at < 8) return null;
  const type = fourCC(bytes, at + 4);
  if (!/^[\x20-\x7e]{4}$/.test(type)) return null;
  let size = uint32(bytes, at);
  let headerSize = 8;
  if (size === 1) {
    if (bytes.length - at < 16) return null;
    size = uint32(bytes, at + 8) * 2 ** 32 + uint32(bytes, at + 12);
    headerSize = 16;
  } else if (size === 0) {
    size = end - start;
  }
  if (type === 'uuid') headerSize += 16;
  if (size < headerSize || start + size > end) return null;
  return { type, start, size, headerSize };
}

/** Child box headers inside `bytes[from, to)` (a box body held in memory); stops at the first malformed one. */
function childBoxes(bytes: Uint8Array, from: number, to: number): BoxHeader[] {
  const out: BoxHeader[] = [];
  let at = from;
  while (at + 8 <= to && out.length < MAX_BOXES) {
    const box = parseBoxHeader(bytes.subarray(0, to), at, at, to);
    if (!box) break;
    out.push(box);
    at += box.size;
  }
  return out;
}

/** The sample entries of one `stsd` box (the whole box, header included). */
function stsdEntries(stsd: Uint8Array): BoxHeader[] {
  const header = parseBoxHeader(stsd, 0, 0, stsd.length);
  if (!header || header.type !== 'stsd') return [];
  // stsd is a FullBox (version, flags) followed by entry_count, then the sample entries.
  return childBoxes(stsd, header.headerSize + 8, header.size);
}

/**
 * The protection schemes of the sample entries in one `stsd` box.
 * @param stsd the whole box, header included
 * @returns one scheme per protected entry (`schm` scheme type, "fairplay" for drmi/drms, "" when no schm); empty
 *   when no entry is protected
 */
export function protectedEntries(stsd: Uint8Array): string[] {
  const schemes: string[] = [];
  for (const entry of stsdEntries(stsd)) {
    if (!PROTECTED_ENTRIES.has(entry.type)) continue;
    if (entry.type === 'drmi' || entry.type === 'drms') {
      schemes.push('fairplay');
      continue;
    }
    const childrenAt = entry.start + entry.headerSize + (ENTRY_FIELDS[entry.type] ?? 8);
    const sinf = childBoxes(stsd, childrenAt, entry.start + entry.size).find((b) => b.type === 'sinf');
    const schm = sinf ? childBoxes(stsd, sinf.start + sinf.headerSize, sinf.start + sinf.size).find((b) => b.type === 'schm') : undefined;
    // schm: FullBox (4 bytes), then scheme_type.
    schemes.push(schm ? fourCC(stsd, schm.start + schm.headerSize + 4).trim() : '');
  }
  return schemes;
}

/**
 * The DRM system a `pssh` box names.
 * @param pssh the whole box, header included (FullBox, then a 16-byte SystemID)
 * @returns "Widevine", "PlayReady", "FairPlay", "ClearKey", or the SystemID as 32 hex digits
 */
export function psshSystem(pssh: Uint8Array): string {
  const header = parseBoxHeader(pssh, 0, 0, pssh.length);
  const at = (header?.headerSize ?? 8) + 4;
  const id = Array.from(pssh.subarray(at, at + 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return SYSTEMS[id] ?? id;
}

/**
 * Walks an ISO base media file's boxes, reading only headers on the way to each track's `stsd` and moov's `pssh`
 * boxes (never the media data).
 * @param read reads bytes of the file (e.g. `File.slice(...).arrayBuffer()`)
 * @param fileSize bytes
 * @returns the sample entry types and the protection found, or null when the file is not an ISO base media file
 *   (its first box is not one a top level can hold; other containers are left to ffprobe)
 */
export async function inspectMp4(read: ByteReader, fileSize: number): Promise<Mp4Facts | null> {
  const entries: string[] = [];
  const schemes: string[] = [];
  const systems: string[] = [];
  let visited = 0;
  let anyProtected = false;
  let isobmff = true;

  const walk = async (from: number, to: number, topLevel: boolean): Promise<void> => {
    let at = from;
    while (at + 8 <= to && visited++ < MAX_BOXES) {
      const box = parseBoxHeader(await read(at, 16), 0, at, to);
      if (topLevel && at === 0 && (!box || !TOP_LEVEL.has(box.type))) {
        isobmff = false;
        return;
      }
      if (!box) return;
      if (PATH_TO_STSD.has(box.type)) {
        await walk(box.start + box.headerSize, box.start + box.size, false);
      } else if (box.type === 'stsd' && box.size <= MAX_STSD_BYTES) {
        const stsd = await read(box.start, box.size);
        entries.push(...stsdEntries(stsd).map((e) => e.type));
        const found = protectedEntries(stsd);
        if (found.length > 0) anyProtected = true;
        schemes.push(...found.filter((s) => s !== ''));
      } else if (box.type === 'pssh' && !topLevel && box.size <= MAX_STSD_BYTES) {
        systems.push(psshSystem(await read(box.start, Math.min(box.size, 64))));
      }
      at = box.start + box.size;
    }
  };

  await walk(0, fileSize, true);
  if (!isobmff) return null;
  const protection = anyProtected || systems.length > 0 ? { schemes: [...new Set(schemes)], systems: [...new Set(systems)] } : null;
  return { sampleEntries: entries, protection };
}

/** Video sample entries of codecs that ffmpeg 5.1 (and so @ffmpeg/core 0.12.10) cannot decode, by name. */
const UNDECODABLE_VIDEO: Record<string, string> = {
  vvc1: 'VVC (H.266)',
  vvi1: 'VVC (H.266)',
  evc1: 'MPEG-5 EVC',
  lvc1: 'MPEG-5 LCEVC',
};

/**
 * The name of a video codec in the file's sample entries that cannot be decoded here (e.g. VVC/H.266: ffmpeg 5.1
 * has no VVC decoder, and no browser decodes it), or null.
 */
export function undecodableVideoCodec(sampleEntries: readonly string[]): string | null {
  for (const entry of sampleEntries) {
    const name = UNDECODABLE_VIDEO[entry];
    if (name) return `${name}, sample entry "${entry}"`;
  }
  return null;
}
