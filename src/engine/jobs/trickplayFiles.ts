/**
 * The trickplay files of a sample or sprite job, on the page's side: the runner hands over each image (BIF) and each
 * sheet (HLS, DASH, Jellyfin) as it is made; at the end the pure writers of core/trickplay build the files, which are
 * emitted after the job's other outputs, in the order of TRICKPLAY_FORMATS. For DASH, besides the adaptation set, the
 * video file's own boxes are read (headers, moov and sidx: core/mp4/onDemand.ts) for a complete `manifest.mpd` when it
 * is a single-file DASH video; otherwise the job's notes say why there is none and what to run.
 */
import { writeBif } from '../../core/trickplay/bif';
import { readOnDemandVideo } from '../../core/mp4/onDemand';
import { dashAdaptationSet } from '../../core/trickplay/dash';
import { completeMpd, fragmentOnlyNote } from '../../core/trickplay/dashMpd';
import { isRemote } from '../../core/remote/remoteVideo';
import type { VideoInput } from '../videoInput';
import {
  bifFileName,
  DASH_FRAGMENT_FILE_NAME,
  DASH_MPD_FILE_NAME,
  HLS_MASTER_LINE_FILE_NAME,
  HLS_PLAYLIST_FILE_NAME,
  jellyfinTileName,
  type TrickplayFormat,
} from '../../core/trickplay/formats';
import { hlsImagePlaylist, hlsImageStreamInf } from '../../core/trickplay/hls';
import type { TileTrack } from '../../core/trickplay/tileTrack';
import type { SampleSpec, SourceInfo, SpriteSpec } from '../../core/job/types';
import { throwIfCancelled, type RunContext } from './runContext';

/** Rank of the first trickplay file: after every image, sheet, index and animated preview of the job. */
const FIRST_RANK = Number.MAX_SAFE_INTEGER - 1000;

export class TrickplayFiles {
  private readonly images = new Map<number, { timeMs: number; blob: Blob }>();
  private readonly sheets = new Map<number, { name: string; blob: Blob; cells: number }>();
  private readonly formats: readonly TrickplayFormat[];

  constructor(
    private readonly file: VideoInput,
    private readonly source: SourceInfo,
    private readonly spec: SampleSpec | SpriteSpec,
  ) {
    this.formats = spec.trickplay ?? [];
  }

  /** Whether the BIF needs each time's image on its own (in mode sprite, the cell's JPEG besides the sheet). */
  get wantsImages(): boolean {
    return this.formats.includes('bif');
  }

  /** Keeps the JPEG of the time at `index` (0-based in the plan); a skipped time gives none. */
  addImage(index: number, timeMs: number, blob: Blob): void {
    if (this.wantsImages) this.images.set(index, { timeMs, blob });
  }

  /** Keeps sheet `index` (0-based) as it was emitted, with how many cells it holds. */
  addSheet(index: number, name: string, blob: Blob, cells: number): void {
    if (this.formats.some((f) => f !== 'bif')) this.sheets.set(index, { name, blob, cells });
  }

  /**
   * Writes and emits the chosen formats.
   * @throws SnapframeError Cancelled; InvalidParameter from writeBif (a file over 4 GiB); a read error of the video
   *   file (it was read a moment before) is the job's error
   */
  async finish(ctx: RunContext): Promise<void> {
    throwIfCancelled(ctx);
    let rank = FIRST_RANK;
    const emit = (format: TrickplayFormat, name: string, blob: Blob, extra: { images?: number; sheet?: string } = {}) =>
      ctx.emit({ kind: 'trickplay', format, name, blob, ...extra }, rank++);
    const text = (body: string, type: string) => new Blob([body], { type });
    for (const format of this.formats) {
      if (format === 'bif') {
        const ordered = [...this.images.entries()].sort(([a], [b]) => a - b).map(([, image]) => image);
        const jpegs = await Promise.all(ordered.map(async (image) => new Uint8Array(await image.blob.arrayBuffer())));
        const bif = writeBif(ordered.map((image, k) => ({ timeMs: image.timeMs, jpeg: jpegs[k] as Uint8Array })));
        emit('bif', bifFileName(this.source.name), new Blob([bif], { type: 'application/octet-stream' }), { images: ordered.length });
        continue;
      }
      const track = this.track();
      if (!track) continue;
      if (format === 'hls') {
        emit('hls', HLS_PLAYLIST_FILE_NAME, text(hlsImagePlaylist(track), 'application/vnd.apple.mpegurl'));
        emit('hls', HLS_MASTER_LINE_FILE_NAME, text(hlsImageStreamInf(track), 'application/vnd.apple.mpegurl'));
      } else if (format === 'dash') {
        const fragment = dashAdaptationSet(track);
        emit('dash', DASH_FRAGMENT_FILE_NAME, text(fragment, 'application/dash+xml'));
        const mpd = await this.completeMpd(fragment);
        if (typeof mpd === 'string') emit('dash', DASH_MPD_FILE_NAME, text(mpd, 'application/dash+xml'));
        else ctx.note(mpd.note);
      } else {
        const { cellWidth, columns, lines } = track;
        [...this.sheets.entries()]
          .sort(([a], [b]) => a - b)
          .forEach(([index, sheet]) => {
            emit('jellyfin', jellyfinTileName(this.source.name, cellWidth, columns, lines, index), sheet.blob, { sheet: sheet.name });
          });
      }
    }
  }

  /** The complete MPD of a single-file DASH video with the thumbnails, or the note saying why there is none. */
  private async completeMpd(imageAdaptationSet: string): Promise<string | { note: string }> {
    const { file, source } = this;
    if (isRemote(file)) return { note: fragmentOnlyNote(source.name, { reason: 'remote' }) };
    const read = async (offset: number, length: number) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
    const answer = await readOnDemandVideo(read, file.size);
    if (!answer.ok) return { note: fragmentOnlyNote(source.name, answer.why) };
    return completeMpd(answer.video, {
      fileName: source.name,
      durationMs: source.durationMs,
      startTimeMs: source.startTimeMs,
      frameRate: source.frameRate,
      imageAdaptationSet,
    });
  }

  /** The sheets as a tile track (mode sprite, at least one sheet), else null. */
  private track(): TileTrack | null {
    if (this.spec.mode !== 'sprite' || this.sheets.size === 0) return null;
    const { sprite, sampling } = this.spec;
    return {
      intervalMs: Math.round(sampling.intervalSec * 1000),
      durationMs: this.source.durationMs,
      cellWidth: sprite.cellWidth,
      cellHeight: sprite.cellHeight,
      columns: sprite.columns,
      lines: sprite.lines,
      sheets: [...this.sheets.entries()].sort(([a], [b]) => a - b).map(([, s]) => ({ name: s.name, bytes: s.blob.size, cells: s.cells })),
    };
  }
}
