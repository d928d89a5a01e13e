/**
 * `manifest.json`, the record of a finished job (shared/SPEC.md "Jobs"): the spec, the source's metadata and one
 * entry per output file.
 */
import type { DecoderName, OffsetsSpec, SourceInfo } from './types';

/** The tool named in every manifest. */
export const GENERATOR = 'Snapframe';

/** One output file of a job. */
export interface ManifestFile {
  /** File name in the zip, e.g. `flower_00001500ms.jpg`. */
  name: string;
  /** The time the user asked for, ms. */
  requestedMs: number;
  /** Presentation time of the frame actually used, ms. */
  actualMs: number;
  /** Image size, px. */
  width: number;
  height: number;
  /** Encoded size, bytes. */
  bytes: number;
}

/** A requested time that gave no image. */
export interface ManifestSkipped {
  requestedMs: number;
  /** The sentence the user was shown. */
  reason: string;
}

/** The source metadata a manifest records (SPEC "Jobs"). */
export type ManifestSource = Pick<
  SourceInfo,
  'name' | 'size' | 'durationMs' | 'codec' | 'width' | 'height' | 'rotation' | 'frameRate' | 'container' | 'startTimeMs'
>;

/** The content of `manifest.json`. */
export interface Manifest {
  generator: string;
  jobId: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  finishedAt: string;
  decoder: DecoderName;
  spec: Omit<OffsetsSpec, 'userData'>;
  source: ManifestSource;
  files: ManifestFile[];
  /** Requested times that gave no image (missing or damaged data), with the reason; present only when any. */
  skipped?: ManifestSkipped[];
  /** Alibaba `UserData`, unchanged; present only when the spec has it. */
  userData?: unknown;
}

/**
 * Builds the manifest of a finished job. Everything is copied, so later changes to the arguments do not leak in.
 *
 * @param args.jobId the job's id; `createdAt`/`finishedAt` ISO 8601 timestamps; `decoder` which decoder ran.
 * @param args.spec the validated spec; its `userData` moves to the manifest's top level, unchanged (same value),
 *   and only when the spec has the key.
 * @param args.source the probed video; only the fields of {@link ManifestSource} are kept (sizes px, times ms).
 * @param args.files one entry per output file, in output order.
 * @param args.skipped requested times that could not be decoded (omitted from the manifest when empty).
 * @returns the manifest, with `generator` "Snapframe".
 * Source: shared/SPEC.md "Jobs" (spec, source metadata, one entry per file; `userData` carried unchanged).
 */
export function buildManifest(args: {
  jobId: string;
  createdAt: string;
  finishedAt: string;
  decoder: DecoderName;
  spec: OffsetsSpec;
  source: SourceInfo;
  files: ManifestFile[];
  skipped?: ManifestSkipped[];
}): Manifest {
  const { spec, source } = args;
  const manifest: Manifest = {
    generator: GENERATOR,
    jobId: args.jobId,
    createdAt: args.createdAt,
    finishedAt: args.finishedAt,
    decoder: args.decoder,
    spec: {
      mode: spec.mode,
      offsetsMs: [...spec.offsetsMs],
      width: spec.width,
      height: spec.height,
      format: spec.format,
      quality: spec.quality,
      frameType: spec.frameType,
    },
    source: {
      name: source.name,
      size: source.size,
      durationMs: source.durationMs,
      codec: source.codec,
      width: source.width,
      height: source.height,
      rotation: source.rotation,
      frameRate: source.frameRate,
      container: source.container,
      startTimeMs: source.startTimeMs,
    },
    files: args.files.map((file) => ({
      name: file.name,
      requestedMs: file.requestedMs,
      actualMs: file.actualMs,
      width: file.width,
      height: file.height,
      bytes: file.bytes,
    })),
  };
  if (args.skipped && args.skipped.length > 0) {
    manifest.skipped = args.skipped.map((s) => ({ requestedMs: s.requestedMs, reason: s.reason }));
  }
  if ('userData' in spec && spec.userData !== undefined) manifest.userData = spec.userData;
  return manifest;
}

/**
 * Serialises a manifest as it is written to `manifest.json`: JSON indented by 2 spaces, ending with a newline.
 *
 * @throws TypeError when `userData` holds something JSON cannot represent (a BigInt, a cycle); values from
 *   `JSON.parse`, as the form produces, always serialise.
 */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
