import type { VideoInput } from '../videoInput';
import { cellFileName, VTT_FILE_NAME } from '../../core/output/naming';
import { DEFAULT_TIMESTAMP_POSITION, headerLines, timestampLabels } from '../../core/sheet/sheetText';
import { planSheets, type CellRect, type SheetPlan } from '../../core/sheet/spriteLayout';
import { STORYBOARD_FILE_NAME, storyboardJson, storyboards } from '../../core/sheet/storyboard';
import type { SourceInfo, SpriteSpec } from '../../core/job/types';
import { spriteCues, thumbnailsVtt } from '../../core/sheet/vtt';
import { AnimationFrames } from './animationFrames';
import { avoidFor } from './avoidWindow';
import type { JobEngine } from '../jobEngine';
import type { SheetCell } from '../outputs';
import { perTime, type RunContext } from './runContext';
import { frameWatchdog, ignoreStall, indexWatchdog } from './watchdogs';
import { runOnLanes, shardTimes } from './shardRun';
import { TrickplayFiles } from './trickplayFiles';
import { SheetHolder } from './sheetHolder';

/** A copy of a cell's bitmap kept on the page until its sheet is encoded (sheetHolder.ts). */
const copyBitmap = (bitmap: ImageBitmap) => createImageBitmap(bitmap);

/** A sheet being filled: its cells as they are done (drawn, or left as background when skipped). */
interface OpenSheet {
  plan: SheetPlan;
  cells: SheetCell[];
  /** Cells sent to lane 0 to be drawn (a lane does not wait for them before its next cell). */
  draws: Array<Promise<void>>;
}

/**
 * Sprite jobs (SPEC "Sprite sheets"): the planned times tiled into sheets `sprite_000.<ext>`…; optionally every cell
 * as its own image (keepCells) and `thumbnails.vtt` (webvtt) whose cues point at `sprite_NNN.<ext>#xywh=x,y,w,h`.
 * The cells are decoded in parallel, one shard of times per lane of `engine` (cut at keyframes: shardRun.ts); each
 * cell comes back as an ImageBitmap (transferred, not copied) and is drawn into its sheet by lane 0, which holds
 * the open sheets, so that the sheets are encoded in a worker (never on the page's thread) and no lane waits for
 * another's cells (nor for its own to be drawn). A sheet is encoded and emitted once all its cells are done; with N lanes about N sheets are open
 * at a time. A time that cannot be decoded leaves its cell as background and is reported as skipped.
 * Contact sheets: the metadata header (drawn by lane 0 when it opens the sheet) and each cell's time (drawn by the lane
 * that makes the cell), `storyboard.json` beside the VTT, and with `spec.animation` the animated preview of the
 * cells' frames (animationFrames.ts), encoded on lane 0 at the end. With `spec.trickplay`, the trickplay files of
 * the sheets and cells (trickplayFiles.ts) after everything else; a BIF asks each lane for the cell's JPEG too.
 * @throws SnapframeError Cancelled; ResourceLimit (a sheet too large to allocate); whatever a lane throws for a
 *   time other than UnsupportedMedia
 */
export async function runSprite(engine: JobEngine, file: VideoInput, source: SourceInfo, spec: SpriteSpec, ctx: RunContext): Promise<void> {
  const { sprite } = spec;
  const sheets = planSheets(sprite, spec.timesMs.length, spec.format);
  const header = sprite.header ? { lines: headerLines(source), margin: sprite.margin } : undefined;
  const labels = sprite.timestamps ? timestampLabels(spec.timesMs, source.durationMs) : null;
  const position = sprite.timestampPosition ?? DEFAULT_TIMESTAMP_POSITION;
  const animation = spec.animation ? new AnimationFrames(spec.animation) : null;
  const trickplay = new TrickplayFiles(file, source, spec);
  const holder = engine.lane(0);
  // The sheets live in lane 0's worker; the page keeps their cells so that a stall there costs only its time.
  const held = new SheetHolder(holder, { color: sprite.color, header }, copyBitmap);
  const open = new Map<number, OpenSheet>();
  const sheetOf: Array<{ sheet: SheetPlan; rect: CellRect }> = [];
  for (const sheet of sheets) for (const rect of sheet.cells) sheetOf[rect.index] = { sheet, rect };

  const openSheet = (plan: SheetPlan, signal: AbortSignal | undefined): OpenSheet => {
    let entry = open.get(plan.index);
    if (!entry) {
      entry = { plan, cells: [], draws: [] };
      open.set(plan.index, entry);
      void held.open(plan, signal);
    }
    return entry;
  };

  const cellDone = async (entry: OpenSheet, cell: SheetCell, signal: AbortSignal | undefined) => {
    entry.cells.push(cell);
    if (entry.cells.length < entry.plan.cells.length) return;
    const { plan } = entry;
    await held.open(plan, signal);
    await Promise.all(entry.draws);
    const blob = await held.end(plan.index, spec.format, spec.quality, signal);
    open.delete(plan.index);
    const cells = entry.cells.sort((a, b) => a.index - b.index);
    const last = plan.cells[plan.cells.length - 1] as CellRect;
    trickplay.addSheet(plan.index, plan.name, blob, plan.cells.length);
    ctx.emit(
      {
        kind: 'sheet',
        name: plan.name,
        blob,
        width: plan.width,
        height: plan.height,
        cells,
        headerHeight: plan.headerHeight,
        lines: plan.lines,
      },
      2 * last.index + 1,
    );
  };

  try {
    await fillSheets();
  } finally {
    held.dispose();
  }

  async function fillSheets(): Promise<void> {
    const { shards, keyframesMs } = await shardTimes(engine, file, source, spec.timesMs, spec.frameType, ctx);
    await runOnLanes(engine, shards, ctx, async ({ from, to }, lane, shardCtx) => {
      const signal = shardCtx.signal;
      await lane
        .call(
          (api) =>
            api.plan(
              file,
              source,
              spec.timesMs.slice(from, to),
              spec.frameType,
              ctx.decoder,
              keyframesMs?.slice(from, to),
              shards.length,
              spec.deinterlace,
            ),
          signal,
          indexWatchdog(source, 'planning the decoding'),
        )
        // A plan that stalled: the worker was restarted, and the frames are decoded one by one.
        .catch(ignoreStall);
      for (let index = from; index < to; index += 1) {
        const { sheet, rect } = sheetOf[index] as { sheet: SheetPlan; rect: CellRect };
        const requestedMs = spec.timesMs[index] as number;
        const entry = openSheet(sheet, signal);
        const cell = await perTime(shardCtx, requestedMs, () =>
          lane.call(
            (api) =>
              api.cellImage(file, source, {
                timeMs: requestedMs,
                width: rect.width,
                height: rect.height,
                fit: spec.fit,
                format: spec.format,
                quality: spec.quality,
                frameType: spec.frameType,
                hdr: spec.hdr,
                deinterlace: spec.deinterlace,
                keepCell: sprite.keepCells || trickplay.wantsImages,
                decoder: ctx.decoder,
                timestamp: labels ? { label: labels[rect.index] ?? '', position } : undefined,
                animation: animation?.request,
                ...avoidFor(spec, spec.timesMs, rect.index, source.durationMs),
              }),
            signal,
            frameWatchdog(source, requestedMs),
          ),
        );
        if (cell) {
          ctx.decodedBy(cell.decoder);
          animation?.add(rect.index, requestedMs, cell.actualMs, cell.animationFrame);
          const drawn = held.draw(sheet.index, cell.bitmap, rect.x, rect.y, signal);
          // Awaited when the sheet is complete (cellDone); meanwhile its failure is not an unhandled rejection.
          drawn.catch(() => undefined);
          entry.draws.push(drawn);
          if (cell.blob) trickplay.addImage(rect.index, requestedMs, cell.blob);
          if (cell.blob && sprite.keepCells) {
            ctx.emit(
              {
                kind: 'cell',
                name: cellFileName(source.name, rect.index, requestedMs, spec.format),
                blob: cell.blob,
                requestedMs,
                actualMs: cell.actualMs,
                width: rect.width,
                height: rect.height,
                ...(cell.quality ? { quality: cell.quality } : {}),
              },
              2 * rect.index,
            );
          }
        }
        await cellDone(
          entry,
          { ...rect, requestedMs, actualMs: cell?.actualMs ?? null, ...(cell?.quality ? { quality: cell.quality } : {}) },
          signal,
        );
      }
    });
  }
  if (sprite.webvtt) {
    const text = thumbnailsVtt(spriteCues(spec.timesMs, sheets, source.durationMs));
    ctx.emit({ kind: 'vtt', name: VTT_FILE_NAME, blob: new Blob([text], { type: 'text/vtt' }) }, 2 * spec.timesMs.length);
    const json = storyboardJson(storyboards(spec.timesMs, sheets, source.durationMs));
    ctx.emit(
      { kind: 'storyboard', name: STORYBOARD_FILE_NAME, blob: new Blob([json], { type: 'application/json' }) },
      2 * spec.timesMs.length + 1,
    );
  }
  await animation?.finish(holder, ctx);
  await trickplay.finish(ctx);
}
