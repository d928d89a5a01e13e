/**
 * What a job produces, as the page receives it (SPEC "Jobs": images, sprite sheets, the WebVTT index).
 */
import type { SerializedError } from '../core/job/errors';
import type { FrameQualityNote } from '../core/analysis/frameQuality';
import type { ManifestAnimationFile, ManifestSheetCell, ManifestTrickplayFile } from '../core/output/manifest';

/** Where one sampled time landed on a sprite sheet (px), with its times (ms): the manifest's own record of it. */
export type SheetCell = ManifestSheetCell;

/** One output file. Times in ms, sizes in px. */
export type OutputFile =
  | {
      kind: 'snapshot' | 'cell';
      name: string;
      blob: Blob;
      requestedMs: number;
      actualMs: number;
      width: number;
      height: number;
      /** "Avoid dark or blurry frames": why the frame at requestedMs was not used, or was kept. */
      quality?: FrameQualityNote;
    }
  | { kind: 'sheet'; name: string; blob: Blob; width: number; height: number; cells: SheetCell[]; headerHeight?: number; lines?: number }
  | { kind: 'vtt' | 'storyboard'; name: string; blob: Blob }
  | ({ blob: Blob } & Omit<ManifestTrickplayFile, 'bytes'>)
  | ({ blob: Blob; /** How long the encoding took, ms (benchmarks; not in the manifest). */ encodeMs?: number } & Omit<
      ManifestAnimationFile,
      'bytes'
    >);

/** A time that could not be decoded (damaged or missing data); the job still delivers the others. */
export interface SkippedTime {
  requestedMs: number;
  error: SerializedError;
}

export interface JobProgress {
  /** Times handled so far (including those that could not be decoded). */
  done: number;
  total: number;
}
