/**
 * Seeded mutations of video files for the fuzz suite (scripts/fuzz/run.mjs, e2e/fuzz.spec.ts): the same seed gives
 * the same mutants on every machine. Each mutation damages a copy the way real files are damaged:
 * - `overwrite`: 1-40 bytes overwritten with random values at random places past the first 5 % (bit rot, a bad card);
 * - `cut`: the file cut at 20-95 % of its length (a download that stopped);
 * - `box`: an MP4/MOV box's 32-bit size field changed (a muxer that crashed before fixing its sizes);
 * - `element`: a Matroska/WebM element's size (EBML variable-length integer) changed;
 * - `packet`: one packet's bytes removed (MP4: a sample's bytes; MPEG-TS: one 188-byte packet; others: a chunk);
 * - `continuity`: an MPEG-TS packet's continuity counter broken (a dropped packet on a broadcast feed).
 */

/** mulberry32: a small, good-enough seeded PRNG. @returns a function giving floats in [0, 1) */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

/** The container family of a file, from its first bytes. */
export function family(bytes) {
  const ascii = (at, n) => String.fromCharCode(...bytes.subarray(at, at + n));
  if (bytes.length > 12 && /^(ftyp|moov|mdat|free|wide|skip)$/.test(ascii(4, 4))) return 'mp4';
  if (bytes.length > 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'matroska';
  if (bytes.length > 376 && bytes[0] === 0x47 && bytes[188] === 0x47 && bytes[376] === 0x47) return 'ts';
  return 'other';
}

/** The mutations that fit a family. */
export function mutationsFor(kind) {
  const all = ['overwrite', 'cut'];
  if (kind === 'mp4') return [...all, 'box', 'packet'];
  if (kind === 'matroska') return [...all, 'element', 'packet'];
  if (kind === 'ts') return [...all, 'packet', 'continuity'];
  return [...all, 'packet'];
}

/** Every MP4 box (offset, size), walking into the containers on the way to the sample tables. */
function mp4Boxes(bytes) {
  const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'moof', 'traf', 'mvex', 'dinf']);
  const out = [];
  const walk = (from, to) => {
    let at = from;
    while (at + 8 <= to && out.length < 5000) {
      const size = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (size < 8 || at + size > to || !/^[\x20-\x7e]{4}$/.test(type)) return;
      out.push({ at, size, type });
      if (containers.has(type)) walk(at + 8, at + size);
      at += size;
    }
  };
  walk(0, bytes.length);
  return out;
}

/** Offsets of EBML elements that carry a size: Segment, Cluster, SimpleBlock, BlockGroup, Cues, Tracks, TrackEntry. */
function ebmlElements(bytes) {
  const ids = [
    [0x18, 0x53, 0x80, 0x67],
    [0x1f, 0x43, 0xb6, 0x75],
    [0x1c, 0x53, 0xbb, 0x6b],
    [0x16, 0x54, 0xae, 0x6b],
  ];
  const out = [];
  for (let i = 0; i + 5 < bytes.length && out.length < 20000; i += 1) {
    const b = bytes[i];
    if (ids.some((id) => id[0] === b && id[1] === bytes[i + 1] && id[2] === bytes[i + 2] && id[3] === bytes[i + 3])) out.push(i + 4);
    else if ((b === 0xa3 || b === 0xa0) && (bytes[i + 1] & 0xf0) !== 0 && out.length % 7 === 0) out.push(i + 1);
  }
  return out;
}

/**
 * One mutant of `bytes` (a Buffer).
 * @param kind one of {@link mutationsFor}
 * @returns the damaged copy and a sentence saying what was done (for the report)
 */
export function mutate(bytes, kind, rand) {
  const copy = Buffer.from(bytes);
  const past = Math.floor(bytes.length * 0.05);
  switch (kind) {
    case 'overwrite': {
      const count = int(rand, 1, 40);
      const places = [];
      for (let i = 0; i < count; i += 1) {
        const at = int(rand, past, bytes.length - 1);
        copy[at] = int(rand, 0, 255);
        places.push(at);
      }
      return { bytes: copy, what: `${count} bytes overwritten (first at ${Math.min(...places)})` };
    }
    case 'cut': {
      const share = 0.2 + rand() * 0.75;
      const length = Math.max(1, Math.floor(bytes.length * share));
      return { bytes: copy.subarray(0, length), what: `cut at ${length} bytes (${Math.round(share * 100)} %)` };
    }
    case 'box': {
      const boxes = mp4Boxes(copy);
      if (boxes.length === 0) return mutate(bytes, 'overwrite', rand);
      const box = boxes[int(rand, 0, boxes.length - 1)];
      const sizes = [0, 1, 7, box.size - 1, box.size + 1, box.size + int(rand, 2, 1 << 20), Math.floor(box.size / 2), 0xffffffff];
      const size = sizes[int(rand, 0, sizes.length - 1)] >>> 0;
      copy.writeUInt32BE(size, box.at);
      return { bytes: copy, what: `box ${box.type} at ${box.at}: size ${box.size} -> ${size}` };
    }
    case 'element': {
      const elements = ebmlElements(copy);
      if (elements.length === 0) return mutate(bytes, 'overwrite', rand);
      const at = elements[int(rand, 0, elements.length - 1)];
      const old = copy[at];
      copy[at] = [0x80, 0x81, 0xff, 0x01, 0x40, int(rand, 1, 255)][int(rand, 0, 5)];
      return { bytes: copy, what: `element size byte at ${at}: ${old} -> ${copy[at]}` };
    }
    case 'packet': {
      const kindOf = family(bytes);
      let from;
      let length;
      if (kindOf === 'ts') {
        from = int(rand, Math.ceil(past / 188), Math.floor(bytes.length / 188) - 1) * 188;
        length = 188;
      } else {
        from = int(rand, past, bytes.length - 2);
        length = Math.min(bytes.length - from - 1, int(rand, 200, 20000));
      }
      return {
        bytes: Buffer.concat([copy.subarray(0, from), copy.subarray(from + length)]),
        what: `${length} bytes removed at ${from}`,
      };
    }
    case 'continuity': {
      const packets = Math.floor(bytes.length / 188);
      const count = int(rand, 1, 8);
      for (let i = 0; i < count; i += 1) {
        const at = int(rand, 1, packets - 1) * 188;
        if (copy[at] === 0x47) copy[at + 3] = (copy[at + 3] & 0xf0) | ((copy[at + 3] + int(rand, 1, 15)) & 0x0f);
      }
      return { bytes: copy, what: `${count} continuity counters broken` };
    }
    default:
      throw new Error(`unknown mutation ${kind}`);
  }
}

/**
 * `count` mutants of the given sources, seeded.
 * @param sources [{ name, bytes }]
 * @returns [{ name (file name to write: index, source, mutation), source, kind, what, bytes }]
 */
export function mutants(sources, seed, count) {
  const rand = random(seed);
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const source = sources[i % sources.length];
    const kinds = mutationsFor(family(source.bytes));
    const kind = kinds[int(rand, 0, kinds.length - 1)];
    const { bytes, what } = mutate(source.bytes, kind, rand);
    const dot = source.name.lastIndexOf('.');
    const name = `m${String(i).padStart(4, '0')}-${kind}-${source.name.slice(0, dot)}${source.name.slice(dot)}`;
    out.push({ name, source: source.name, kind, what, bytes });
  }
  return out;
}
