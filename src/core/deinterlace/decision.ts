/**
 * Whether a job's pictures are deinterlaced, and with which field order: one decision per job, taken from the
 * "Deinterlace" setting and what the probe read of the source's interlacing (core/probe/interlacing.ts), so both
 * decoders and manifest.json agree on it.
 */
import type { DeinterlaceMode, SourceInfo } from '../job/types';
import type { FieldOrder } from '../probe/interlacing';

/** The setting's values, in the form's order. */
export const DEINTERLACE_MODES: readonly DeinterlaceMode[] = ['auto', 'on', 'off'];

/** The setting when a spec does not give one. */
export const DEFAULT_DEINTERLACE: DeinterlaceMode = 'auto';

/**
 * How a job deinterlaces: ffmpeg's `bwdif` with `mode=send_frame` (one output frame per frame) and `deint=all` (every
 * frame, as its oracle `bwdif=mode=send_frame` does), the first field of each frame kept.
 */
export interface DeinterlacePlan {
  /** The kept field: top (true) or bottom. bwdif's `parity` (0 = tff, 1 = bff). */
  topFieldFirst: boolean;
}

/** The manifest's `deinterlace` record: the setting, whether the images were deinterlaced, and how. */
export interface ManifestDeinterlace {
  mode: DeinterlaceMode;
  applied: boolean;
  /** Present when applied: the field kept (`tff`: top, `bff`: bottom) and the filter's name and options. */
  fieldOrder?: 'tff' | 'bff';
  filter?: 'bwdif=mode=send_frame:deint=all';
}

/** True when the probe found interlaced frames among the first frames (any field order but `progressive`). */
export function readAsInterlaced(source: Pick<SourceInfo, 'interlacing'>): boolean {
  const order: FieldOrder | undefined = source.interlacing?.fieldOrder;
  return order !== undefined && order !== 'progressive';
}

/**
 * The job's deinterlacing.
 * @param source the probed video (`interlacing`: H.264 and MPEG-2 read from their first coded pictures)
 * @param mode the setting; absent = `auto`
 * @returns null when the pictures stay as decoded (`off`; `auto` on a source not read as interlaced), else the plan.
 *   Field order: bottom first only where every interlaced frame read is bottom field first (`bff`); otherwise top
 *   first, as ffmpeg's bwdif/yadif `parity=auto` takes it for frames that do not say (vf_bwdif.c, vf_yadif.c).
 */
export function deinterlacePlan(source: Pick<SourceInfo, 'interlacing'>, mode: DeinterlaceMode | undefined): DeinterlacePlan | null {
  const setting = mode ?? DEFAULT_DEINTERLACE;
  if (setting === 'off' || (setting === 'auto' && !readAsInterlaced(source))) return null;
  return { topFieldFirst: source.interlacing?.fieldOrder !== 'bff' };
}

/** The manifest's record of a job's deinterlacing (see {@link ManifestDeinterlace}). */
export function deinterlaceRecord(source: Pick<SourceInfo, 'interlacing'>, mode: DeinterlaceMode | undefined): ManifestDeinterlace {
  const setting = mode ?? DEFAULT_DEINTERLACE;
  const plan = deinterlacePlan(source, setting);
  if (!plan) return { mode: setting, applied: false };
  return { mode: setting, applied: true, fieldOrder: plan.topFieldFirst ? 'tff' : 'bff', filter: 'bwdif=mode=send_frame:deint=all' };
}
