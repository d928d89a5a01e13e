/**
 * Motion-adaptive deinterlacing, one output frame per input frame: the "Bob Weaver" algorithm of ffmpeg's `bwdif`
 * filter (libavfilter vf_bwdif.c, ffmpeg 5.1) with `mode=send_frame`, written from its description: the lines of the
 * first field are kept; each line of the other field is interpolated. Where the picture does not move (the two
 * fields around it in time agree) the line is woven from them; where it moves, it is built from the current field
 * with a cubic (and, where the temporal neighbours disagree with it, a blend of high-frequency temporal detail), and
 * the result is kept within the range the spatial and temporal neighbours allow (yadif's spatial check). Coefficients
 * are bwdif's, in 1/8192 units. Pure: one 8-bit plane at a time; the caller gives the previous and next frames. At
 * the ends of a stream it does what ffmpeg 5.1's bwdif does (measured: the unit test's fixture): the first frame's
 * missing field is interpolated from its own field alone (bwdif's intra filter), the last frame is its own next.
 */

/** One 8-bit plane: `width` x `height` samples, `stride` bytes a row. */
export interface Plane {
  data: Uint8Array;
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

const clip = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/**
 * Deinterlaces one plane.
 * @param cur the frame to deinterlace
 * @param prev the frame before it; null for the first frame of the stream (the kept field's lines alone then make
 *   the other field: bwdif's intra filter)
 * @param next the frame after it; null for the last frame of the stream (it is then its own next)
 * @param topFieldFirst the frame's field order: the first field (top when true) is kept, the other interpolated
 * @returns a new plane of the same size (stride = width)
 * @throws RangeError when the planes' sizes differ
 */
export function bwdifPlane(prev: Plane | null, cur: Plane, nextOrNull: Plane | null, topFieldFirst: boolean): Plane {
  const next = nextOrNull ?? cur;
  const { width: w, height: h } = cur;
  for (const p of [prev, next]) {
    if (p && (p.width !== w || p.height !== h)) throw new RangeError(`planes of ${p.width}x${p.height} and ${w}x${h}`);
  }
  const out = new Uint8Array(w * h);
  // bwdif's `parity` is the field that is interpolated: with the top field first, the bottom (odd) lines.
  const parity = topFieldFirst ? 0 : 1;
  const c = cur.data;
  const cs = cur.stride;
  for (let y = 0; y < h; y += 1) {
    if (((y ^ parity) & 1) === 0) {
      out.set(c.subarray(y * cs, y * cs + w), y * w);
      continue;
    }
    const row = y * w;
    if (prev === null) {
      const up = y > 0 ? -1 : 1;
      const down = y + 1 < h ? 1 : -1;
      const up3 = y > 2 ? -3 : 1;
      const down3 = y + 3 < h ? 3 : -1;
      for (let x = 0; x < w; x += 1) {
        const v =
          (SP0 * (c[(y + up) * cs + x]! + c[(y + down) * cs + x]!) - SP1 * (c[(y + up3) * cs + x]! + c[(y + down3) * cs + x]!)) >> 13;
        out[row + x] = clip(v);
      }
      continue;
    }
    const p = prev.data;
    const n = next.data;
    const ps = prev.stride;
    const ns = next.stride;
    // bwdif's prev2/next2, the frames whose lines of this parity surround the missing field in time: the missing field
    // comes second, so the previous frame's (half a frame before) and this frame's own (half a frame after).
    const p2 = p;
    const p2s = ps;
    const n2 = c;
    const n2s = cs;
    const edge = y < 4 || y + 5 > h;
    const spat = !(y < 2 || y + 3 > h);
    const up = edge && y === 0 ? 1 : -1;
    const down = edge && y + 1 >= h ? -1 : 1;
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
        const max = Math.max(de, dc, Math.min(b, f));
        const min = Math.min(de, dc, Math.max(b, f));
        diff = Math.max(diff, min, -max);
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
      out[row + x] = clip(v);
    }
  }
  return { data: out, width: w, height: h, stride: w };
}
