/**
 * Motion-adaptive deinterlacing, one output frame per input frame: the "Bob Weaver" algorithm of ffmpeg's `bwdif`
 * filter (libavfilter vf_bwdif.c, ffmpeg 5.1) with `mode=send_frame`, written from its description: the lines of the
 * first field are kept; each line of the other field is interpolated. Where the picture does not move (the two
 * fields around it in time agree) the line is woven from them; where it moves, it is built from the current field
 * with a cubic (and, where the temporal neighbours disagree with it, a blend of high-frequency temporal detail), and
 * the result is kept within the range the spatial and temporal neighbours allow (yadif's spatial check). Coefficients
 * are bwdif's, in 1/8192 units. Pure: one plane at a time, 8 to 16 bits a sample, with ffmpeg's formulas at every
 * depth (its filter_line/filter_edge/filter_intra and their 16-bit twins); the caller gives the previous and next
 * frames. At the ends of a stream it does what ffmpeg 5.1's bwdif does (measured: the unit test's fixtures): the first
 * frame's missing field is interpolated from its own field alone (bwdif's intra filter), the last frame is its own
 * next.
 */

/**
 * One plane: `width` x `height` samples, `stride` samples a row (bytes for 8-bit, 16-bit words above). Above 8 bits
 * the samples are `bitDepth`-bit values in the low bits of 16-bit words (WebCodecs' I420P10, ffmpeg's yuv420p10le).
 */
export interface Plane {
  data: Uint8Array | Uint16Array;
  width: number;
  height: number;
  stride: number;
}

const LF0 = 4309;
const LF1 = 213;
const HF0 = 5570;
const HF1 = 3801;
const HF2 = 1016;
const SP0 = 5077;
const SP1 = 981;

/**
 * Deinterlaces one plane.
 * @param cur the frame to deinterlace
 * @param prev the frame before it; null for the first frame of the stream (the kept field's lines alone then make
 *   the other field: bwdif's intra filter)
 * @param next the frame after it; null for the last frame of the stream (it is then its own next)
 * @param topFieldFirst the frame's field order: the first field (top when true) is kept, the other interpolated
 * @param bitDepth bits a sample, 8 (the default; `data` is a Uint8Array) to 16 (`data` is a Uint16Array): results are
 *   clipped to 0..(1 << bitDepth) - 1, as ffmpeg's bwdif does. Above 8 bits ffmpeg 5.1's bwdif (vf_bwdif.c
 *   filter_slice) tests "is there a line above/below" against the sample's size in bytes (2) instead of 1 line, so
 *   the second line from the top and from the bottom of a plane (and, first frame of a stream, the fourth to sixth
 *   for the lines 3 away) take their neighbour from the other side; this does the same, to stay equal to ffmpeg
 *   sample for sample (the unit test's 10-bit fixture shows it). No sum overflows JavaScript's 32-bit `>>` at 16 bits.
 * @returns a new plane of the same size and the same kind of array as `cur.data` (stride = width)
 * @throws RangeError when the planes' sizes differ or bitDepth is not a whole number from 8 to 16
 * @throws TypeError when a plane's array does not fit bitDepth (Uint8Array for 8 bits, Uint16Array above)
 */
export function bwdifPlane(prev: Plane | null, cur: Plane, nextOrNull: Plane | null, topFieldFirst: boolean, bitDepth = 8): Plane {
  if (!Number.isInteger(bitDepth) || bitDepth < 8 || bitDepth > 16)
    throw new RangeError(`a bit depth of ${bitDepth}: bwdif takes whole numbers of bits from 8 to 16`);
  const next = nextOrNull ?? cur;
  const { width: w, height: h } = cur;
  const wide = bitDepth > 8;
  for (const p of [prev, cur, next]) {
    if (p && (p.width !== w || p.height !== h)) throw new RangeError(`planes of ${p.width}x${p.height} and ${w}x${h}`);
    if (p && p.data instanceof Uint16Array !== wide)
      throw new TypeError(`a ${bitDepth}-bit plane needs its samples in a ${wide ? 'Uint16Array' : 'Uint8Array'}`);
  }
  const out = wide ? new Uint16Array(w * h) : new Uint8Array(w * h);
  // bwdif's `parity` is the field that is interpolated: with the top field first, the bottom (odd) lines.
  const parity = topFieldFirst ? 0 : 1;
  const maxSample = (1 << bitDepth) - 1;
  // ffmpeg's `df`, bytes a sample, which its bounds tests use as if it were lines (see bitDepth above).
  const df = wide ? 2 : 1;
  const ps = prev === null ? 0 : prev.stride;
  // The arrays' kinds were checked above.
  if (out instanceof Uint16Array) {
    const p = prev === null ? null : (prev.data as Uint16Array);
    deinterlace16(out, cur.data as Uint16Array, cur.stride, p, ps, next.data as Uint16Array, next.stride, w, h, parity, maxSample, df);
  } else {
    const p = prev === null ? null : (prev.data as Uint8Array);
    deinterlace8(out, cur.data as Uint8Array, cur.stride, p, ps, next.data as Uint8Array, next.stride, w, h, parity, maxSample, df);
  }
  return { data: out, width: w, height: h, stride: w };
}

/*
 * Fills `out` (stride `w`): the first field's lines copied from `c`, the other field's interpolated from `p` (the
 * previous frame), `c` and `n` (the next), each with its stride; `p` null: from `c` alone (bwdif's intra filter).
 * Two copies of one body, one per kind of array, so that each copy's loads and stores stay monomorphic: one copy that
 * has seen both kinds reads 8-bit planes about 12% slower in V8 (measured with scripts/bench/deinterlace.mjs, its
 * "8-bit again, after 10-bit" line). The unit test checks that the two are the same text but for the array type, and
 * each against ffmpeg with its own fixture.
 */
function deinterlace8(
  out: Uint8Array,
  c: Uint8Array,
  cs: number,
  p: Uint8Array | null,
  ps: number,
  n: Uint8Array,
  ns: number,
  w: number,
  h: number,
  parity: number,
  maxSample: number,
  df: number,
): void {
  for (let y = 0; y < h; y += 1) {
    if (((y ^ parity) & 1) === 0) {
      out.set(c.subarray(y * cs, y * cs + w), y * w);
      continue;
    }
    const row = y * w;
    if (p === null) {
      const up = y > df - 1 ? -1 : 1;
      const down = y + df < h ? 1 : -1;
      const up3 = y > 3 * df - 1 ? -3 : 1;
      const down3 = y + 3 * df < h ? 3 : -1;
      for (let x = 0; x < w; x += 1) {
        const v =
          (SP0 * (c[(y + up) * cs + x]! + c[(y + down) * cs + x]!) - SP1 * (c[(y + up3) * cs + x]! + c[(y + down3) * cs + x]!)) >> 13;
        out[row + x] = v < 0 ? 0 : v > maxSample ? maxSample : v;
      }
      continue;
    }
    // bwdif's prev2/next2, the frames whose lines of this parity surround the missing field in time: the missing field
    // comes second, so the previous frame's (half a frame before) and this frame's own (half a frame after).
    const p2 = p;
    const p2s = ps;
    const n2 = c;
    const n2s = cs;
    const edge = y < 4 || y + 5 > h;
    const spat = !(y < 2 || y + 3 > h);
    const up = edge && y < df ? 1 : -1;
    const down = edge && y + df >= h ? -1 : 1;
    for (let x = 0; x < w; x += 1) {
      const cAbove = c[(y + up) * cs + x]!;
      const eBelow = c[(y + down) * cs + x]!;
      const a0 = p2[y * p2s + x]!;
      const b0 = n2[y * n2s + x]!;
      const d = (a0 + b0) >> 1;
      const td0 = Math.abs(a0 - b0);
      const td1 = (Math.abs(p[(y + up) * ps + x]! - cAbove) + Math.abs(p[(y + down) * ps + x]! - eBelow)) >> 1;
      const td2 = (Math.abs(n[(y + up) * ns + x]! - cAbove) + Math.abs(n[(y + down) * ns + x]! - eBelow)) >> 1;
      let diff = Math.max(td0 >> 1, td1, td2);
      if (diff === 0) {
        out[row + x] = d;
        continue;
      }
      if (!edge || spat) {
        const b = ((p2[(y - 2) * p2s + x]! + n2[(y - 2) * n2s + x]!) >> 1) - cAbove;
        const f = ((p2[(y + 2) * p2s + x]! + n2[(y + 2) * n2s + x]!) >> 1) - eBelow;
        const dc = d - cAbove;
        const de = d - eBelow;
        const hi = Math.max(de, dc, Math.min(b, f));
        const lo = Math.min(de, dc, Math.max(b, f));
        diff = Math.max(diff, lo, -hi);
      }
      let v: number;
      if (edge) v = (cAbove + eBelow) >> 1;
      else if (Math.abs(cAbove - eBelow) > td0) {
        const hf =
          (HF0 * (a0 + b0) -
            HF1 * (p2[(y - 2) * p2s + x]! + n2[(y - 2) * n2s + x]! + p2[(y + 2) * p2s + x]! + n2[(y + 2) * n2s + x]!) +
            HF2 * (p2[(y - 4) * p2s + x]! + n2[(y - 4) * n2s + x]! + p2[(y + 4) * p2s + x]! + n2[(y + 4) * n2s + x]!)) >>
          2;
        v = (hf + LF0 * (cAbove + eBelow) - LF1 * (c[(y - 3) * cs + x]! + c[(y + 3) * cs + x]!)) >> 13;
      } else {
        v = (SP0 * (cAbove + eBelow) - SP1 * (c[(y - 3) * cs + x]! + c[(y + 3) * cs + x]!)) >> 13;
      }
      if (v > d + diff) v = d + diff;
      else if (v < d - diff) v = d - diff;
      out[row + x] = v < 0 ? 0 : v > maxSample ? maxSample : v;
    }
  }
}

function deinterlace16(
  out: Uint16Array,
  c: Uint16Array,
  cs: number,
  p: Uint16Array | null,
  ps: number,
  n: Uint16Array,
  ns: number,
  w: number,
  h: number,
  parity: number,
  maxSample: number,
  df: number,
): void {
  for (let y = 0; y < h; y += 1) {
    if (((y ^ parity) & 1) === 0) {
      out.set(c.subarray(y * cs, y * cs + w), y * w);
      continue;
    }
    const row = y * w;
    if (p === null) {
      const up = y > df - 1 ? -1 : 1;
      const down = y + df < h ? 1 : -1;
      const up3 = y > 3 * df - 1 ? -3 : 1;
      const down3 = y + 3 * df < h ? 3 : -1;
      for (let x = 0; x < w; x += 1) {
        const v =
          (SP0 * (c[(y + up) * cs + x]! + c[(y + down) * cs + x]!) - SP1 * (c[(y + up3) * cs + x]! + c[(y + down3) * cs + x]!)) >> 13;
        out[row + x] = v < 0 ? 0 : v > maxSample ? maxSample : v;
      }
      continue;
    }
    // bwdif's prev2/next2, the frames whose lines of this parity surround the missing field in time: the missing field
    // comes second, so the previous frame's (half a frame before) and this frame's own (half a frame after).
    const p2 = p;
    const p2s = ps;
    const n2 = c;
    const n2s = cs;
    const edge = y < 4 || y + 5 > h;
    const spat = !(y < 2 || y + 3 > h);
    const up = edge && y < df ? 1 : -1;
    const down = edge && y + df >= h ? -1 : 1;
    for (let x = 0; x < w; x += 1) {
      const cAbove = c[(y + up) * cs + x]!;
      const eBelow = c[(y + down) * cs + x]!;
      const a0 = p2[y * p2s + x]!;
      const b0 = n2[y * n2s + x]!;
      const d = (a0 + b0) >> 1;
      const td0 = Math.abs(a0 - b0);
      const td1 = (Math.abs(p[(y + up) * ps + x]! - cAbove) + Math.abs(p[(y + down) * ps + x]! - eBelow)) >> 1;
      const td2 = (Math.abs(n[(y + up) * ns + x]! - cAbove) + Math.abs(n[(y + down) * ns + x]! - eBelow)) >> 1;
      let diff = Math.max(td0 >> 1, td1, td2);
      if (diff === 0) {
        out[row + x] = d;
        continue;
      }
      if (!edge || spat) {
        const b = ((p2[(y - 2) * p2s + x]! + n2[(y - 2) * n2s + x]!) >> 1) - cAbove;
        const f = ((p2[(y + 2) * p2s + x]! + n2[(y + 2) * n2s + x]!) >> 1) - eBelow;
        const dc = d - cAbove;
        const de = d - eBelow;
        const hi = Math.max(de, dc, Math.min(b, f));
        const lo = Math.min(de, dc, Math.max(b, f));
        diff = Math.max(diff, lo, -hi);
      }
      let v: number;
      if (edge) v = (cAbove + eBelow) >> 1;
      else if (Math.abs(cAbove - eBelow) > td0) {
        const hf =
          (HF0 * (a0 + b0) -
            HF1 * (p2[(y - 2) * p2s + x]! + n2[(y - 2) * n2s + x]! + p2[(y + 2) * p2s + x]! + n2[(y + 2) * n2s + x]!) +
            HF2 * (p2[(y - 4) * p2s + x]! + n2[(y - 4) * n2s + x]! + p2[(y + 4) * p2s + x]! + n2[(y + 4) * n2s + x]!)) >>
          2;
        v = (hf + LF0 * (cAbove + eBelow) - LF1 * (c[(y - 3) * cs + x]! + c[(y + 3) * cs + x]!)) >> 13;
      } else {
        v = (SP0 * (cAbove + eBelow) - SP1 * (c[(y - 3) * cs + x]! + c[(y + 3) * cs + x]!)) >> 13;
      }
      if (v > d + diff) v = d + diff;
      else if (v < d - diff) v = d - diff;
      out[row + x] = v < 0 ? 0 : v > maxSample ? maxSample : v;
    }
  }
}
