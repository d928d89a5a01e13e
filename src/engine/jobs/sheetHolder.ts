/**
 * The open sprite sheets of a job, held by lane 0's worker (drawn and encoded there, never on the page's thread),
 * and what it takes to draw them again. When that worker is stopped (a cell stalled on lane 0 and the page's
 * watchdog terminated it: watchdogs.ts) its canvases are gone. The holder keeps a copy of every cell drawn into a
 * sheet still open; the first sheet call that finds its sheet gone (the call rejected by the restart, or `false` /
 * `null` from a new worker that never opened it) opens the open sheets again on the new worker and draws the kept
 * cells back, and the job goes on: a stall costs only the times it stalled on.
 */
import { transfer } from 'comlink';
import { InternalError, SnapframeError } from '../../core/job/errors';
import type { ImageFormat } from '../../core/job/types';
import type { SheetPlan } from '../../core/sheet/spriteLayout';
import type { EngineLane } from '../jobEngine';
import type { SheetHeaderRequest } from '../protocol';

/** Times a job's sheets may be opened again before the job gives up (each time, a worker was lost). */
export const MAX_REOPENS = 4;

interface HeldSheet {
  plan: SheetPlan;
  /** Settles when the sheet is open in the holder's worker (the first time). */
  begun: Promise<void>;
  /** The holder generation the sheet was last opened in. */
  begunIn: number;
  /** Copies of the cells drawn so far, to be drawn again into a new worker. */
  cells: Array<{ bitmap: ImageBitmap; x: number; y: number }>;
}

/** Whether a sheet call failed because its worker was stopped (EngineClient rejects its pending calls so). */
const workerLost = (error: unknown): boolean => error instanceof SnapframeError && error.code === 'InternalError';

export class SheetHolder {
  private readonly sheets = new Map<number, HeldSheet>();
  /** Bumped each time the worker is found lost and the sheets are opened again. */
  private generation = 0;
  private recovery: Promise<void> = Promise.resolve();
  /** Times the open sheets were opened again on a new worker. */
  reopened = 0;

  /**
   * @param holder lane 0, whose worker holds the sheets
   * @param look the sheets' background colour (CSS) and the metadata header of a contact sheet
   * @param copy a copy of a cell's bitmap kept on the page (createImageBitmap in the browser)
   */
  constructor(
    private readonly holder: EngineLane,
    private readonly look: { color: string; header?: SheetHeaderRequest },
    private readonly copy: (bitmap: ImageBitmap) => Promise<ImageBitmap> = (bitmap) => createImageBitmap(bitmap),
  ) {}

  /** Opens sheet `plan` unless it is open. @returns a promise settled once it is (ResourceLimit when too large) */
  open(plan: SheetPlan, signal: AbortSignal | undefined): Promise<void> {
    const held = this.sheets.get(plan.index);
    if (held) return held.begun;
    const sheet: HeldSheet = { plan, begun: Promise.resolve(), begunIn: -1, cells: [] };
    this.sheets.set(plan.index, sheet);
    sheet.begun = this.begin(sheet, signal);
    // Awaited by the lanes before they draw: a failure (ResourceLimit) is not an unhandled rejection meanwhile.
    sheet.begun.catch(() => undefined);
    return sheet.begun;
  }

  private async begin(sheet: HeldSheet, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      await this.recovery.catch(() => undefined);
      const generation = this.generation;
      // A recovery that found the sheet in the map opened it already.
      if (sheet.begunIn === generation) return;
      const { plan } = sheet;
      try {
        await this.holder.call((api) => api.beginSheet(plan.index, plan.width, plan.height, this.look.color, this.look.header), signal);
        if (this.generation === generation) sheet.begunIn = generation;
        return;
      } catch (error) {
        if (!workerLost(error)) throw error;
      }
      await this.recover(generation, signal);
    }
  }

  /**
   * Draws a cell into its sheet (opened first with {@link open}), keeping a copy until the sheet is ended.
   * @param bitmap the cell, transferred to the holder's worker (closed there)
   */
  async draw(index: number, bitmap: ImageBitmap, x: number, y: number, signal: AbortSignal | undefined): Promise<void> {
    const sheet = this.sheets.get(index);
    if (!sheet) throw new InternalError(`Sprite sheet ${index} was drawn into before it was opened.`);
    sheet.cells.push({ bitmap: await this.copy(bitmap), x, y });
    await sheet.begun;
    await this.recovery.catch(() => undefined);
    const generation = this.generation;
    let drawn = false;
    try {
      drawn = await this.holder.call((api) => api.drawCell(index, transfer(bitmap, [bitmap]), x, y), signal);
    } catch (error) {
      if (!workerLost(error)) throw error;
    }
    // Lost: the recovery draws the kept copy of this cell, recorded above, with the others.
    if (!drawn) await this.recover(generation, signal);
  }

  /** Encodes sheet `index` once its cells are drawn, and lets go of its copies. */
  async end(index: number, format: ImageFormat, quality: number, signal: AbortSignal | undefined): Promise<Blob> {
    const sheet = this.sheets.get(index);
    if (!sheet) throw new InternalError(`Sprite sheet ${index} was ended before it was opened.`);
    await sheet.begun;
    for (;;) {
      await this.recovery.catch(() => undefined);
      const generation = this.generation;
      let blob: Blob | null = null;
      try {
        blob = await this.holder.call((api) => api.endSheet(index, format, quality), signal);
      } catch (error) {
        if (!workerLost(error)) throw error;
      }
      if (blob) {
        this.sheets.delete(index);
        for (const cell of sheet.cells) cell.bitmap.close();
        return blob;
      }
      await this.recover(generation, signal);
    }
  }

  /** Lets go of every kept copy (the job ended, however). */
  dispose(): void {
    for (const sheet of this.sheets.values()) for (const cell of sheet.cells) cell.bitmap.close();
    this.sheets.clear();
  }

  /**
   * Opens the open sheets again on the holder's (new) worker and draws their kept cells back, once per loss: a
   * caller that saw an older generation waits for the recovery under way instead.
   * @throws InternalError after {@link MAX_REOPENS} losses; what the calls throw other than a lost worker
   */
  private recover(seen: number, signal: AbortSignal | undefined): Promise<void> {
    if (seen !== this.generation) return this.recovery;
    if (this.reopened >= MAX_REOPENS) {
      return Promise.reject(
        new InternalError(`The sprite sheets' worker stopped ${this.reopened + 1} times; the sheets could not be kept.`),
      );
    }
    this.reopened += 1;
    this.generation += 1;
    const generation = this.generation;
    const sheets = [...this.sheets.values()].filter((sheet) => sheet.begunIn >= 0 || sheet.cells.length > 0);
    this.recovery = (async () => {
      for (const sheet of sheets) {
        const { plan } = sheet;
        await this.holder.call((api) => api.beginSheet(plan.index, plan.width, plan.height, this.look.color, this.look.header), signal);
        sheet.begunIn = generation;
        for (const cell of sheet.cells) {
          const again = await this.copy(cell.bitmap);
          if (!(await this.holder.call((api) => api.drawCell(plan.index, transfer(again, [again]), cell.x, cell.y), signal))) {
            throw new InternalError(`Sprite sheet ${plan.index} closed while it was drawn again.`);
          }
        }
      }
    })().catch((error: unknown) => {
      // Lost again while opening them again: once more, on the next worker.
      if (workerLost(error)) return this.recover(generation, signal);
      throw error;
    });
    return this.recovery;
  }
}
