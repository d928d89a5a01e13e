import { cellFileName, VTT_FILE_NAME } from '../core/naming';
import { DEFAULT_TIMESTAMP_POSITION, headerLines, timestampLabels } from '../core/sheetText';
import { planSheets } from '../core/spriteLayout';
import { STORYBOARD_FILE_NAME, storyboardJson, storyboards } from '../core/storyboard';
import type { SourceInfo, SpriteSpec } from '../core/types';
import { spriteCues, thumbnailsVtt } from '../core/vtt';
import { AnimationFrames } from './animationFrames';
import { avoidFor } from './avoidWindow';
import { engine } from './engineClient';
import type { SheetCell } from './outputs';
import { perTime, throwIfCancelled, type RunContext } from './runContext';

/**
 * Sprite jobs (SPEC "Sprite sheets"): the planned times tiled into sheets `sprite_000.<ext>`…, each filled in the
 * worker cell by cell (one sheet in memory at a time); optionally every cell as its own image (keepCells) and
 * `thumbnails.vtt` (webvtt) whose cues point at `sprite_NNN.<ext>#xywh=x,y,w,h`.
 * A time that cannot be decoded leaves its cell as background and is reported as skipped.
 * Issue 15: the metadata header and each cell's time (drawn in the worker), `storyboard.json` beside the VTT, and
 * with `spec.animation` the animated preview of the cells' frames (animationFrames.ts).
 */
export async function runSprite(file: File, source: SourceInfo, spec: SpriteSpec, ctx: RunContext): Promise<void> {
  const { sprite } = spec;
  const sheets = planSheets(sprite, spec.timesMs.length, spec.format);
  await engine.call((api) => api.plan(file, source, [...spec.timesMs], spec.frameType, ctx.decoder), ctx.signal);
  const header = sprite.header ? { lines: headerLines(source), margin: sprite.margin } : undefined;
  const labels = sprite.timestamps ? timestampLabels(spec.timesMs, source.durationMs) : null;
  const position = sprite.timestampPosition ?? DEFAULT_TIMESTAMP_POSITION;
  const animation = spec.animation ? new AnimationFrames(spec.animation) : null;
  for (const sheet of sheets) {
    throwIfCancelled(ctx);
    await engine.call((api) => api.beginSheet(sheet.width, sheet.height, sprite.color, header), ctx.signal);
    const cells: SheetCell[] = [];
    for (const rect of sheet.cells) {
      const requestedMs = spec.timesMs[rect.index] as number;
      const cell = await perTime(ctx, requestedMs, () =>
        engine.call(
          (api) =>
            api.cell(file, source, {
              timeMs: requestedMs,
              width: rect.width,
              height: rect.height,
              fit: spec.fit,
              format: spec.format,
              quality: spec.quality,
              frameType: spec.frameType,
              hdr: spec.hdr,
              x: rect.x,
              y: rect.y,
              keepCell: sprite.keepCells,
              decoder: ctx.decoder,
              timestamp: labels ? { label: labels[rect.index] ?? '', position } : undefined,
              animation: animation?.request,
              ...avoidFor(spec, spec.timesMs, rect.index, source.durationMs),
            }),
          ctx.signal,
        ),
      );
      if (cell) ctx.decodedBy(cell.decoder);
      if (cell) animation?.add(rect.index, requestedMs, cell.actualMs, cell.animationFrame);
      cells.push({ ...rect, requestedMs, actualMs: cell?.actualMs ?? null, ...(cell?.quality ? { quality: cell.quality } : {}) });
      if (cell?.blob) {
        ctx.emit({
          kind: 'cell',
          name: cellFileName(source.name, rect.index, requestedMs, spec.format),
          blob: cell.blob,
          requestedMs,
          actualMs: cell.actualMs,
          width: rect.width,
          height: rect.height,
          ...(cell.quality ? { quality: cell.quality } : {}),
        });
      }
    }
    const blob = await engine.call((api) => api.endSheet(spec.format, spec.quality), ctx.signal);
    const { name, width, height, headerHeight, lines } = sheet;
    ctx.emit({ kind: 'sheet', name, blob, width, height, cells, headerHeight, lines });
  }
  if (sprite.webvtt) {
    const text = thumbnailsVtt(spriteCues(spec.timesMs, sheets, source.durationMs));
    ctx.emit({ kind: 'vtt', name: VTT_FILE_NAME, blob: new Blob([text], { type: 'text/vtt' }) });
    const json = storyboardJson(storyboards(spec.timesMs, sheets, source.durationMs));
    ctx.emit({ kind: 'storyboard', name: STORYBOARD_FILE_NAME, blob: new Blob([json], { type: 'application/json' }) });
  }
  await animation?.finish(ctx);
}
