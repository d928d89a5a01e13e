/**
 * Tone-mapping operators (HDR to SDR) on linear light relative to SDR reference white (1 = 100 cd/m², as ffmpeg's
 * `zscale=t=linear:npl=100` gives): each maps a signal in [0, peak] to [0, 1]. Hable and Reinhard are ffmpeg's
 * `tonemap` filter's (libavfilter/vf_tonemap.c, with its defaults: Reinhard's param is 1); BT.2390 is the EETF of ITU-R
 * BT.2390-8 section 5.4 (a Hermite spline on the PQ signal).
 */
import type { HdrMode } from '../../job/types';
import { nitsToPq, pqToNits } from './transfer';

/** The operators the "HDR" setting offers. */
export type ToneMapOperator = Exclude<HdrMode, 'off'>;
export const TONE_MAP_OPERATORS: readonly ToneMapOperator[] = ['hable', 'reinhard', 'bt2390'];
/** Linear 1.0 in cd/m²: SDR reference white as ffmpeg's `zscale npl=100` and `tonemap` take it. */
export const REFERENCE_WHITE_NITS = 100;

/** John Hable's filmic curve (Uncharted 2), with the constants of ffmpeg's vf_tonemap.c. */
function hableCurve(x: number): number {
  const a = 0.15,
    b = 0.5,
    c = 0.1,
    d = 0.2,
    e = 0.02,
    f = 0.3;
  return (x * (x * a + b * c) + d * e) / (x * (x * a + b) + d * f) - e / f;
}

/** Hable, normalised so that `peak` maps to 1: hable(x) / hable(peak) (ffmpeg `tonemap=hable`). */
export function hable(signal: number, peak: number): number {
  return hableCurve(signal) / hableCurve(peak);
}

/**
 * Reinhard, x / (x + p) · (peak + p) / peak with p = 1 (ffmpeg `tonemap=reinhard` without `param`: vf_tonemap.c
 * leaves p at 1; a given param c becomes p = (1 − c) / c).
 */
export function reinhard(signal: number, peak: number, param = 1): number {
  return (signal / (signal + param)) * ((peak + param) / peak);
}

/**
 * BT.2390 EETF (BT.2390-8 5.4.1, black level 0): the signal is taken to PQ, normalised to the source's range
 * [0, PQ(peak)], compressed above the knee KS = 1.5 maxLum − 0.5 by a Hermite spline that ends at maxLum (the SDR
 * peak's normalised PQ value), and taken back to light.
 * @param signal linear light, 1 = {@link REFERENCE_WHITE_NITS}
 * @param peak the source's peak, same unit (e.g. 10 for 1000 cd/m²)
 * @returns linear light in [0, 1] (1 = the SDR peak, 100 cd/m²)
 */
export function bt2390(signal: number, peak: number): number {
  const sourcePq = nitsToPq(peak * REFERENCE_WHITE_NITS);
  const maxLum = nitsToPq(REFERENCE_WHITE_NITS) / sourcePq;
  if (maxLum >= 1) return Math.min(1, signal);
  const e1 = nitsToPq(signal * REFERENCE_WHITE_NITS) / sourcePq;
  const ks = 1.5 * maxLum - 0.5;
  let e2 = e1;
  if (e1 > ks) {
    const t = Math.min(1, (e1 - ks) / (1 - ks));
    const t2 = t * t;
    const t3 = t2 * t;
    e2 = (2 * t3 - 3 * t2 + 1) * ks + (t3 - 2 * t2 + t) * (1 - ks) + (-2 * t3 + 3 * t2) * maxLum;
  }
  return Math.min(1, pqToNits(e2 * sourcePq) / REFERENCE_WHITE_NITS);
}

/** The operator's curve: linear light in [0, peak] (1 = 100 cd/m²) to [0, 1]. */
export function toneCurve(operator: ToneMapOperator, signal: number, peak: number): number {
  if (operator === 'hable') return hable(signal, peak);
  if (operator === 'reinhard') return reinhard(signal, peak);
  return bt2390(signal, peak);
}
