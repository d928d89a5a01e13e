/**
 * Which pictures of an H.264 GOP a set of target pictures needs (
 * docs/ENGINE.md "Stand-ins for reference pictures nothing needs"). The decoded picture buffer is followed header by
 * header from the GOP's IDR picture: picture order counts (ITU-T H.264 (08/2021) 8.2.1), the reference picture
 * lists of every slice (8.2.4: initialisation by PicNum or POC, truncation to num_ref_idx_active, modification), and
 * the marking after each reference picture (8.2.5: sliding window, memory_management_control_operation 1). A slice
 * can take its prediction only from the entries of its active lists (8.4.2.1; temporal direct maps the co-located
 * reference into list 0, 8.4.1.2.3), so a picture is needed when it is a target or in an active list of a needed
 * picture's slice. What the model leaves out (long-term references, MMCO 2-6, frame_num gaps, POC type 1, a GOP not
 * opened by an IDR picture) throws {@link AvcUnsupported}: the caller then decodes the GOP as it is.
 */
import { AvcUnsupported, type AvcParameterSets, type AvcSliceHeader, type AvcSps } from './avcSyntax';

/** A short-term reference picture in the model's decoded picture buffer. */
interface ShortTermRef {
  picture: number;
  frameNum: number;
  poc: number;
}

/**
 * The pictures each picture of a GOP may take its prediction from.
 * @param pictures the slice headers of each access unit, in decoding order, from the GOP's IDR picture (index 0) on;
 *   every access unit has at least one slice
 * @returns for each picture, the indices (into `pictures`) of the pictures in its slices' active reference lists
 * @throws AvcUnsupported where the stream uses what the model leaves out (see the module comment), or its slices
 *   disagree with each other or with the buffer (a list modification naming a picture not in it)
 */
export function avcReferences(pictures: readonly (readonly AvcSliceHeader[])[], sets: AvcParameterSets): Set<number>[] {
  const first = pictures[0]?.[0];
  if (!first?.idr) throw new AvcUnsupported('the GOP does not start with an IDR picture');
  const sps = spsOf(first, sets);
  const maxFrameNum = 2 ** sps.log2MaxFrameNum;
  let dpb: ShortTermRef[] = [];
  let prevRefFrameNum = 0;
  const poc = new PocCounter(sps);
  const references: Set<number>[] = [];
  for (const [index, slices] of pictures.entries()) {
    const head = slices[0];
    if (!head) throw new AvcUnsupported('an access unit without a slice');
    if (spsOf(head, sets) !== sps) throw new AvcUnsupported('the SPS changes within the GOP');
    for (const s of slices) {
      if (s.frameNum !== head.frameNum || s.idr !== head.idr || s.nalRefIdc !== head.nalRefIdc || s.picOrderCntLsb !== head.picOrderCntLsb)
        throw new AvcUnsupported('the slices of one picture disagree');
    }
    if (head.idr) {
      dpb = [];
      prevRefFrameNum = 0;
    } else if (index === 0 || (head.frameNum !== prevRefFrameNum && head.frameNum !== (prevRefFrameNum + 1) % maxFrameNum)) {
      throw new AvcUnsupported('a gap in frame_num');
    }
    const current = { picture: index, frameNum: head.frameNum, poc: poc.next(head) };
    const picNum = (ref: ShortTermRef) => (ref.frameNum > current.frameNum ? ref.frameNum - maxFrameNum : ref.frameNum);
    const used = new Set<number>();
    for (const slice of slices) for (const ref of activeReferences(slice, dpb, current, picNum, maxFrameNum)) used.add(ref.picture);
    references.push(used);
    if (head.nalRefIdc === 0) continue;
    dpb = marked(head, dpb, current, picNum, sps);
    prevRefFrameNum = head.frameNum;
  }
  return references;
}

/**
 * Which pictures of a GOP are needed to decode `targets` exactly: the targets and, transitively, every picture in an
 * active reference list of a needed picture (references point backwards in decoding order).
 * @param references from {@link avcReferences}
 * @param targets indices of the pictures to be displayed
 * @returns per picture, whether it is needed
 */
export function neededPictures(references: readonly ReadonlySet<number>[], targets: Iterable<number>): boolean[] {
  const needed = references.map(() => false);
  for (const t of targets) if (t >= 0 && t < needed.length) needed[t] = true;
  for (let i = needed.length - 1; i >= 0; i -= 1) if (needed[i]) for (const r of references[i]!) needed[r] = true;
  return needed;
}

/**
 * PicOrderCnt of each picture (8.2.1), for pictures in decoding order from an IDR picture on (POC types 0 and 2).
 * @param pictures the first slice header of each picture
 * @throws AvcUnsupported for parameter sets not seen
 */
export function avcPictureOrderCounts(pictures: readonly AvcSliceHeader[], sets: AvcParameterSets): number[] {
  const first = pictures[0];
  if (!first) return [];
  const counter = new PocCounter(spsOf(first, sets));
  return pictures.map((p) => counter.next(p));
}

function spsOf(slice: AvcSliceHeader, sets: AvcParameterSets): AvcSps {
  const pps = sets.pps.get(slice.ppsId);
  const sps = pps && sets.sps.get(pps.spsId);
  if (!sps) throw new AvcUnsupported(`parameter sets not seen (PPS ${slice.ppsId})`);
  return sps;
}

/** PicOrderCnt of frames in decoding order, types 0 and 2 (8.2.1.1, 8.2.1.3). */
class PocCounter {
  private prevMsb = 0;
  private prevLsb = 0;
  private prevFrameNumOffset = 0;
  private prevFrameNum = 0;
  constructor(private readonly sps: AvcSps) {}

  next(h: AvcSliceHeader): number {
    if (this.sps.pocType === 0) {
      if (h.idr) {
        this.prevMsb = 0;
        this.prevLsb = 0;
      }
      const maxLsb = 2 ** this.sps.log2MaxPocLsb;
      const lsb = h.picOrderCntLsb;
      let msb = this.prevMsb;
      if (lsb < this.prevLsb && this.prevLsb - lsb >= maxLsb / 2) msb += maxLsb;
      else if (lsb > this.prevLsb && lsb - this.prevLsb > maxLsb / 2) msb -= maxLsb;
      if (h.nalRefIdc !== 0) {
        this.prevMsb = msb;
        this.prevLsb = lsb;
      }
      const top = msb + lsb;
      return Math.min(top, top + h.deltaPicOrderCntBottom);
    }
    const maxFrameNum = 2 ** this.sps.log2MaxFrameNum;
    const offset = h.idr ? 0 : this.prevFrameNum > h.frameNum ? this.prevFrameNumOffset + maxFrameNum : this.prevFrameNumOffset;
    this.prevFrameNumOffset = offset;
    this.prevFrameNum = h.frameNum;
    if (h.idr) return 0;
    return 2 * (offset + h.frameNum) - (h.nalRefIdc === 0 ? 1 : 0);
  }
}

/** The entries of a slice's active reference picture lists (8.2.4). */
function activeReferences(
  slice: AvcSliceHeader,
  dpb: readonly ShortTermRef[],
  current: ShortTermRef,
  picNum: (ref: ShortTermRef) => number,
  maxFrameNum: number,
): ShortTermRef[] {
  if (slice.sliceType === 2) return [];
  let initial: ShortTermRef[][];
  if (slice.sliceType === 0) initial = [[...dpb].sort((a, b) => picNum(b) - picNum(a))];
  else {
    if (dpb.some((r) => r.poc === current.poc)) throw new AvcUnsupported('a reference picture with the current POC');
    const before = dpb.filter((r) => r.poc < current.poc).sort((a, b) => b.poc - a.poc);
    const after = dpb.filter((r) => r.poc > current.poc).sort((a, b) => a.poc - b.poc);
    const list0 = [...before, ...after];
    const list1 = [...after, ...before];
    if (list1.length > 1 && list1.every((r, i) => r === list0[i])) [list1[0], list1[1]] = [list1[1]!, list1[0]!];
    initial = [list0, list1];
  }
  const out: ShortTermRef[] = [];
  for (const [x, init] of initial.entries()) {
    const size = slice.numRefIdxActive[x]!;
    let list = init.slice(0, size);
    let predPicNum = current.frameNum;
    let refIdx = 0;
    for (const mod of slice.modifications[x]!) {
      if (mod.idc === 2) throw new AvcUnsupported('long-term reference pictures');
      const step = mod.value + 1;
      let noWrap = mod.idc === 0 ? predPicNum - step : predPicNum + step;
      if (mod.idc === 0 && noWrap < 0) noWrap += maxFrameNum;
      if (mod.idc === 1 && noWrap >= maxFrameNum) noWrap -= maxFrameNum;
      predPicNum = noWrap;
      const wanted = noWrap > current.frameNum ? noWrap - maxFrameNum : noWrap;
      const ref = dpb.find((r) => picNum(r) === wanted);
      if (!ref) throw new AvcUnsupported(`a list modification names PicNum ${wanted}, which is not in the buffer`);
      list = [...list.slice(0, refIdx), ref, ...list.slice(refIdx).filter((r) => r !== ref)].slice(0, size);
      refIdx += 1;
    }
    out.push(...list);
  }
  return out;
}

/** The buffer after a reference picture is marked (8.2.5): IDR, sliding window, or MMCO 1 only. */
function marked(
  head: AvcSliceHeader,
  dpb: ShortTermRef[],
  current: ShortTermRef,
  picNum: (ref: ShortTermRef) => number,
  sps: AvcSps,
): ShortTermRef[] {
  const marking = head.marking;
  if (!marking) return dpb;
  if (marking.kind === 'idr') {
    if (marking.longTermReference) throw new AvcUnsupported('long-term reference pictures');
    return [current];
  }
  let next = [...dpb];
  if (marking.kind === 'sliding') {
    if (next.length >= Math.max(1, sps.maxNumRefFrames)) {
      const oldest = next.reduce((a, b) => (picNum(b) < picNum(a) ? b : a));
      next = next.filter((r) => r !== oldest);
    }
  } else {
    for (const op of marking.operations) {
      if (op.op !== 1) throw new AvcUnsupported(`memory_management_control_operation ${op.op}`);
      const target = current.frameNum - (op.differenceOfPicNumsMinus1! + 1);
      const ref = next.find((r) => picNum(r) === target);
      if (!ref) throw new AvcUnsupported(`MMCO 1 names PicNum ${target}, which is not in the buffer`);
      next = next.filter((r) => r !== ref);
    }
  }
  next.push(current);
  return next;
}
