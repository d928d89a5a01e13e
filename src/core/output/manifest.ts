/**
 * `manifest.json`, the record of a finished job (docs/SPEC.md "Jobs"): the spec, the source's metadata and one
 * entry per output file.
 */
import { DEFAULT_HDR_MODE } from '../color/hdr/convert';
import { hdrRecord, type ManifestHdr } from '../color/hdr/record';
import type { FrameQualityNote } from '../analysis/frameQuality';
import type { Shot } from '../analysis/shots';
import type { TrickplayFormat } from '../trickplay/formats';
import type { FieldOrder, FrameCoding } from '../probe/interlacing';
import { deinterlaceRecord, type ManifestDeinterlace } from '../deinterlace/decision';
import type { DecoderName, JobSpec, SourceInfo } from '../job/types';

/** The tool named in every manifest. */
export const GENERATOR = 'Snapframe';

/** A snapshot (modes offsets and sample) or a kept sprite cell (`keepCells`): one image of one time. */
export interface ManifestImageFile {
  kind: 'snapshot' | 'cell';
  /** File name in the zip, e.g. `flower_00001500ms.jpg`, `flower_cell_0007_00012000ms.jpg`. */
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
  /** "Avoid dark or blurry frames": why the frame displayed at requestedMs was not used, or was kept. */
  quality?: FrameQualityNote;
}

/** Where one time landed on a sprite sheet: its cell, px inside that sheet (x, y: top-left corner). */
export interface ManifestSheetCell {
  /** Global cell index (0-based, across sheets), also the index of the time in the plan. */
  index: number;
  /** The sampled time, ms. */
  requestedMs: number;
  /** Presentation time of the frame drawn, ms; null when the time could not be decoded (the cell is background). */
  actualMs: number | null;
  /** As {@link ManifestImageFile.quality}. */
  quality?: FrameQualityNote;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A sprite sheet, e.g. `sprite_000.jpg`: its full size and every cell on it, in order. */
export interface ManifestSheetFile {
  kind: 'sheet';
  name: string;
  /** Sheet size, px (the header included). */
  width: number;
  height: number;
  bytes: number;
  /** Height of the metadata header above the cells, px; 0 without one. Cells' y already include it. */
  headerHeight: number;
  /** Lines of cells on this sheet: the spec's `lines`, or fewer on a last sheet when the sheet size is not fixed. */
  lines: number;
  cells: ManifestSheetCell[];
}

/** The WebVTT index `thumbnails.vtt`, or the storyboard JSON `storyboard.json`: no time or size of their own. */
export interface ManifestVttFile {
  kind: 'vtt' | 'storyboard';
  name: string;
  bytes: number;
}

/** The animated preview, `preview.gif` or `preview.webm`: one frame per planned time that was decoded. */
export interface ManifestAnimationFile {
  kind: 'animation';
  name: string;
  /** `gif`, or the clip's container and codec, e.g. `webm` with `vp9`. */
  format: 'gif' | 'webm';
  codec: string;
  /** Frame size, px; frames per second; frame count; length, ms (frames / frameRate). */
  width: number;
  height: number;
  frameRate: number;
  frames: number;
  durationMs: number;
  /** Frame k is the frame at `requestedMs[k]` (the planned time), whose presentation time is `actualMs[k]`, ms. */
  requestedMs: number[];
  actualMs: number[];
  bytes: number;
}

/**
 * A trickplay file (core/trickplay): the BIF archive, the HLS image playlist or its master-playlist line, the DASH
 * adaptation set, or one Jellyfin tile. `images`: how many images the BIF holds; `sheet`: the sprite sheet a
 * Jellyfin tile is a copy of (same bytes, Jellyfin's path).
 */
export interface ManifestTrickplayFile {
  kind: 'trickplay';
  format: TrickplayFormat;
  name: string;
  bytes: number;
  images?: number;
  sheet?: string;
}

/**
 * One output file of a job, told apart by `kind` (always present). Each kind carries only the fields that mean
 * something for it: times and size for images, size and cells for sheets, name and bytes for the VTT and the
 * storyboard, frames and timing for the animated preview.
 */
export type ManifestFile = ManifestImageFile | ManifestSheetFile | ManifestVttFile | ManifestAnimationFile | ManifestTrickplayFile;

/** A requested time that gave no image. */
export interface ManifestSkipped {
  requestedMs: number;
  /** The sentence the user was shown. */
  reason: string;
}

/** The source metadata a manifest records (SPEC "Jobs"). */
export type ManifestSource = Pick<
  SourceInfo,
  | 'name'
  | 'size'
  | 'durationMs'
  | 'codec'
  | 'width'
  | 'height'
  | 'rotation'
  | 'frameRate'
  | 'container'
  | 'startTimeMs'
  | 'color'
  | 'elementary'
> & {
  /** H.264 and MPEG-2: field order and coding of the first frames (core/probe/interlacing.ts), when read. */
  interlacing?: { fieldOrder: FieldOrder; coding: FrameCoding[]; codingName: string };
  /** A video read at a URL (docs/URLS.md): the address; absent for a file. */
  url?: string;
  /**
   * An HLS master playlist: the variant read (`index` 0 = highest bandwidth, of `count`; BANDWIDTH bits/s,
   * RESOLUTION, and its media playlist's address).
   */
  variant?: ManifestVariant;
};

/** The HLS variant a job read (docs/URLS.md "HLS"). */
export interface ManifestVariant {
  index: number;
  count: number;
  bandwidth: number;
  resolution: string | null;
  uri: string;
}

/** `Omit` applied to each member of a union (plain `Omit` would merge the members into one shape). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The spec as the manifest records it: the whole {@link JobSpec} of its mode, without `userData`. */
export type ManifestSpec = OmitEach<JobSpec, 'userData'>;

/** The content of `manifest.json`. */
export interface Manifest {
  generator: string;
  jobId: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  finishedAt: string;
  decoder: DecoderName;
  spec: ManifestSpec;
  source: ManifestSource;
  files: ManifestFile[];
  /** HDR sources only: how their pictures were made SDR (transfer, primaries, operator, peak; core/color/hdr/record.ts). */
  hdr?: ManifestHdr;
  /**
   * Whether the images were deinterlaced (core/deinterlace/decision.ts): the setting, `applied`, and when applied the
   * field kept and the filter (bwdif, one frame per frame). Every job has it.
   */
  deinterlace: ManifestDeinterlace;
  /** Requested times that gave no image (missing or damaged data), with the reason; present only when any. */
  skipped?: ManifestSkipped[];
  /** What the engine noted during the job, as sentences (e.g. a WebCodecs failure and the fallback to ffmpeg.wasm); present only when any. */
  notes?: string[];
  /** Alibaba `UserData`, unchanged; present only when the spec has it. */
  userData?: unknown;
  /**
   * A video at a URL: the bytes the job's workers received from the server (range requests, playlists, segments;
   * not the probe's). Absent for a file.
   */
  bytesRead?: number;
  /** Mode "Shots": the cuts found (first frame of each new shot, ms) and every shot with its snapshot time. */
  shots?: ManifestShots;
}

/** The cut list of a shots job. Times ms. */
export interface ManifestShots {
  cutsMs: number[];
  shots: Shot[];
}

function copySpec(spec: JobSpec): ManifestSpec {
  const output = {
    width: spec.width,
    height: spec.height,
    fit: spec.fit,
    resolutionAdaptive: spec.resolutionAdaptive,
    format: spec.format,
    quality: spec.quality,
    frameType: spec.frameType,
    ...(spec.hdr ? { hdr: spec.hdr } : {}),
    ...(spec.deinterlace ? { deinterlace: spec.deinterlace } : {}),
    ...(spec.avoidBadFrames ? { avoidBadFrames: true } : {}),
  };
  switch (spec.mode) {
    case 'offsets':
      return { mode: 'offsets', offsetsMs: [...spec.offsetsMs], ...output };
    case 'sample':
      return {
        mode: 'sample',
        sampling: { ...spec.sampling },
        timesMs: [...spec.timesMs],
        ...animation(spec),
        ...trickplay(spec),
        ...output,
      };
    case 'sprite':
      return {
        mode: 'sprite',
        sampling: { ...spec.sampling },
        timesMs: [...spec.timesMs],
        sprite: { ...spec.sprite },
        ...animation(spec),
        ...trickplay(spec),
        ...output,
      };
    case 'shots':
      return { mode: 'shots', shots: { ...spec.shots }, sprite: spec.sprite && { ...spec.sprite }, ...output };
  }
}

function animation(spec: { animation?: { frameRate: number; width: number; height: number } }) {
  return spec.animation ? { animation: { ...spec.animation } } : {};
}

function trickplay(spec: { trickplay?: TrickplayFormat[] }) {
  return spec.trickplay && spec.trickplay.length > 0 ? { trickplay: [...spec.trickplay] } : {};
}

function copyFile(file: ManifestFile): ManifestFile {
  switch (file.kind) {
    case 'snapshot':
    case 'cell': {
      const { kind, name, requestedMs, actualMs, width, height, bytes, quality } = file;
      return { kind, name, requestedMs, actualMs, width, height, bytes, ...(quality ? { quality: { ...quality } } : {}) };
    }
    case 'sheet':
      return {
        kind: 'sheet',
        name: file.name,
        width: file.width,
        height: file.height,
        bytes: file.bytes,
        headerHeight: file.headerHeight,
        lines: file.lines,
        cells: file.cells.map(({ index, requestedMs, actualMs, quality, x, y, width, height }) => ({
          index,
          requestedMs,
          actualMs,
          ...(quality ? { quality: { ...quality } } : {}),
          x,
          y,
          width,
          height,
        })),
      };
    case 'vtt':
    case 'storyboard':
      return { kind: file.kind, name: file.name, bytes: file.bytes };
    case 'trickplay': {
      const { kind, format, name, bytes, images, sheet } = file;
      return { kind, format, name, bytes, ...(images !== undefined ? { images } : {}), ...(sheet !== undefined ? { sheet } : {}) };
    }
    case 'animation': {
      const { kind, name, format, codec, width, height, frameRate, frames, durationMs, bytes } = file;
      return {
        kind,
        name,
        format,
        codec,
        width,
        height,
        frameRate,
        frames,
        durationMs,
        requestedMs: [...file.requestedMs],
        actualMs: [...file.actualMs],
        bytes,
      };
    }
  }
}

/**
 * Builds the manifest of a finished job, any mode. Everything is copied, so later changes to the arguments do not
 * leak in, and fields the manifest does not record are left out.
 *
 * @param args.jobId the job's id; `createdAt`/`finishedAt` ISO 8601 timestamps; `decoder` which decoder ran.
 * @param args.spec the validated spec of any mode, recorded whole (times ms, sizes px, sampling and sprite
 *   parameters) except `userData`, which moves to the manifest's top level, unchanged (same value), and only when
 *   the spec has it.
 * @param args.source the probed video; only the fields of {@link ManifestSource} are kept (sizes px, times ms; `color`
 *   when probed). An HDR source also gets the top-level `hdr` record (core/color/hdr/record.ts).
 * @param args.files one entry per output file, in output order (see {@link ManifestFile}: snapshots, sheets with
 *   their cells' coordinates, kept cells, the VTT).
 * @param args.skipped requested times that could not be decoded (omitted from the manifest when empty).
 * @param args.notes sentences the engine noted (omitted when empty).
 * @param args.shots mode "Shots": the cuts and shots found (omitted otherwise).
 * @param args.remote a video at a URL: `source.url` (and `source.variant` for an HLS master) and the top-level
 *   `bytesRead` (bytes) are added.
 * @returns the manifest, with `generator` "Snapframe".
 * Source: docs/SPEC.md "Jobs" (spec, source metadata, one entry per file with name, requested and actual time,
 *   size, bytes, and for sprites the cell coordinates; `userData` carried unchanged).
 */
export function buildManifest(args: {
  jobId: string;
  createdAt: string;
  finishedAt: string;
  decoder: DecoderName;
  spec: JobSpec;
  source: SourceInfo;
  files: ManifestFile[];
  skipped?: ManifestSkipped[];
  notes?: string[];
  shots?: ManifestShots;
  /** A video at a URL: its address, the bytes the job received from it, and an HLS master's variant read. */
  remote?: { url: string; bytesRead: number; variant?: ManifestVariant };
}): Manifest {
  const { spec, source } = args;
  const manifest: Manifest = {
    generator: GENERATOR,
    jobId: args.jobId,
    createdAt: args.createdAt,
    finishedAt: args.finishedAt,
    decoder: args.decoder,
    spec: copySpec(spec),
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
    files: args.files.map(copyFile),
    deinterlace: deinterlaceRecord(source, spec.deinterlace),
  };
  // A raw elementary stream: its frame rate places every time, and may be ffmpeg's default rather than the stream's.
  if (source.elementary) manifest.source.elementary = { frameRate: [...source.elementary.frameRate], rateFrom: source.elementary.rateFrom };
  if (source.interlacing) {
    const { fieldOrder, coding, codingName } = source.interlacing;
    manifest.source.interlacing = { fieldOrder, coding: [...coding], codingName };
  }
  if (source.color) manifest.source.color = { ...source.color, dolbyVision: source.color.dolbyVision && { ...source.color.dolbyVision } };
  const hdr = hdrRecord(source, spec.hdr ?? DEFAULT_HDR_MODE);
  if (hdr) manifest.hdr = hdr;
  if (args.skipped && args.skipped.length > 0) {
    manifest.skipped = args.skipped.map((s) => ({ requestedMs: s.requestedMs, reason: s.reason }));
  }
  if (args.notes && args.notes.length > 0) manifest.notes = [...args.notes];
  if (args.remote) {
    manifest.source.url = args.remote.url;
    if (args.remote.variant) manifest.source.variant = { ...args.remote.variant };
    manifest.bytesRead = args.remote.bytesRead;
  }
  if ('userData' in spec && spec.userData !== undefined) manifest.userData = spec.userData;
  if (args.shots) manifest.shots = { cutsMs: [...args.shots.cutsMs], shots: args.shots.shots.map((shot) => ({ ...shot })) };
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
