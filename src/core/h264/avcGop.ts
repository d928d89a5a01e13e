/**
 * One H.264 GOP, planned for a set of target pictures (docs/ENGINE.md
 * "Stand-ins for reference pictures nothing needs"): which reference pictures can be replaced by stand-ins
 * (avcStandIn.ts) because no needed picture takes its prediction from them (avcRefs.ts). The parameter sets come from
 * the decoder description (avcC) and from the packets, in stream order.
 */
import { avcReferences, neededPictures } from './avcRefs';
import { avcStandInUnits, standInPpsId } from './avcStandIn';
import { AvcUnsupported, parseAvcPps, parseAvcSliceHeader, parseAvcSps, type AvcParameterSets, type AvcSliceHeader } from './avcSyntax';
import { BitReader, rbsp } from './bits';
import { avcNalType } from './nal';

/** NAL unit types a stand-in access unit may keep besides its slices: SEI, SPS, PPS, access unit delimiter, filler. */
const KEPT_TYPES = new Set([6, 7, 8, 9, 12]);

/** The parameter sets of one H.264 stream, as they arrive. */
export class AvcParameterTracker {
  readonly sets: AvcParameterSets = { sps: new Map(), pps: new Map() };
  /** Every PPS id the stream has used (a stand-in PPS takes another). */
  readonly ppsIds = new Set<number>();

  /**
   * Takes the SPS and PPS NAL units among `units` (each with its header byte). One that does not parse, or that the
   * model does not cover, forgets every set of its kind: slices that refer to them are then left as they are.
   */
  note(units: readonly Uint8Array[]): void {
    for (const unit of units) {
      const type = avcNalType(unit);
      if (type === 7) {
        try {
          const sps = parseAvcSps(unit);
          this.sets.sps.set(sps.id, sps);
        } catch {
          this.sets.sps.clear();
        }
      } else if (type === 8) {
        const id = firstUe(unit);
        if (id !== null) this.ppsIds.add(id);
        try {
          const pps = parseAvcPps(unit);
          this.sets.pps.set(pps.id, pps);
        } catch {
          this.sets.pps.clear();
        }
      }
    }
  }

  /** Takes the SPS and PPS NAL units of an avcC record (ISO/IEC 14496-15 5.3.3.1). */
  noteDescription(avcC: Uint8Array): void {
    const units: Uint8Array[] = [];
    let at = 5;
    for (const countMask of [0x1f, 0xff]) {
      const count = (avcC[at] ?? 0) & countMask;
      at += 1;
      for (let i = 0; i < count && at + 2 <= avcC.length; i += 1) {
        const length = avcC[at]! * 256 + avcC[at + 1]!;
        units.push(avcC.subarray(at + 2, at + 2 + length));
        at += 2 + length;
      }
    }
    this.note(units.filter((u) => u.length > 0));
  }
}

/** The first ue(v) of a NAL unit's RBSP (a PPS's id), or null when it does not parse. */
function firstUe(unit: Uint8Array): number | null {
  try {
    return new BitReader(rbsp(unit.subarray(0, 8), 1)).ue();
  } catch {
    return null;
  }
}

/** The plan of one GOP: for each access unit, the NAL units that replace its slices, or null to keep it as it is. */
export interface AvcGopPlan {
  standIns: Array<Uint8Array[] | null>;
  /** Why no stand-in was planned, when none could be (the model's reason); null otherwise. */
  unsupported: string | null;
}

/**
 * Plans stand-ins for one GOP.
 * @param accessUnits the NAL units of each access unit (header byte first), in decoding order, from the GOP's key
 *   packet to its last target; the tracker is updated with their parameter sets as it goes
 * @param targets indices of the access units whose pictures are displayed
 * @returns per access unit, the stand-in's NAL units (non-VCL units kept in their order, then the stand-in PPS and
 *   slice) for reference pictures that are not needed, else null; all null when the model does not cover the GOP
 */
export function planAvcGop(
  accessUnits: readonly (readonly Uint8Array[])[],
  targets: readonly number[],
  tracker: AvcParameterTracker,
): AvcGopPlan {
  const none = (why: string): AvcGopPlan => ({ standIns: accessUnits.map(() => null), unsupported: why });
  const headers: AvcSliceHeader[][] = [];
  try {
    for (const units of accessUnits) {
      tracker.note(units);
      const slices: AvcSliceHeader[] = [];
      for (const unit of units) {
        const type = avcNalType(unit);
        if (type === 1 || type === 5) slices.push(parseAvcSliceHeader(unit, tracker.sets));
        else if (!KEPT_TYPES.has(type) && type !== 10 && type !== 11) throw new AvcUnsupported(`NAL unit type ${type}`);
      }
      headers.push(slices);
    }
    const needed = neededPictures(avcReferences(headers, tracker.sets), targets);
    const ppsId = standInPpsId(tracker.ppsIds);
    if (ppsId === null) return none('every PPS id is in use');
    const standIns = accessUnits.map((units, i) => {
      const head = headers[i]![0]!;
      if (needed[i] || head.nalRefIdc === 0 || head.idr || head.sliceType === 2) return null;
      if (!units.every((u) => KEPT_TYPES.has(avcNalType(u)) || avcNalType(u) === 1)) return null;
      return [...units.filter((u) => avcNalType(u) !== 1), ...avcStandInUnits(head, tracker.sets, ppsId)];
    });
    return { standIns, unsupported: null };
  } catch (error) {
    if (error instanceof AvcUnsupported || error instanceof RangeError) return none(error.message);
    throw error;
  }
}
