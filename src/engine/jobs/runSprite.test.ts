/**
 * The sprite runner on a fake engine (fakeEngine.ts): cells decoded on every lane, all drawn into their sheets by
 * lane 0 at their places, each sheet emitted once all its cells are done, skipped cells left as background.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CancelledError } from '../../core/job/errors';
import { checkJobSpec, DEFAULT_SPEC_INPUT } from '../../core/job/spec';
import type { SpriteSpec } from '../../core/job/types';
import { fakeEngine } from './fakeEngine';
import type { OutputFile } from '../outputs';
import type { RunContext } from './runContext';
import { runSprite } from './runSprite';
import { testSource } from '../../core/fixtures/sourceInfo';

const source = testSource({
  name: 'clip.mp4',
  size: 1000,
  durationMs: 40_000,
  videoDurationMs: 40_000,
  codecLongName: 'H.264',
  frameCount: 1000,
});
const file = new File([new Uint8Array(10)], 'clip.mp4');

/** 20 cells 2 s apart (1.9 s into each 2 s GOP), 4x2 per sheet: 3 sheets. */
function spriteSpec(keepCells: boolean): SpriteSpec {
  const { spec, problems } = checkJobSpec(
    {
      ...DEFAULT_SPEC_INPUT,
      mode: 'sprite',
      start: '1.9',
      interval: '2',
      count: '20',
      cellWidth: '80',
      cellHeight: '45',
      columns: '4',
      lines: '2',
      keepCells,
    },
    source,
  );
  if (spec?.mode !== 'sprite') throw new Error(`bad test spec ${JSON.stringify(problems)}`);
  return spec;
}

function context(signal?: AbortSignal) {
  const emitted: Array<{ output: OutputFile; rank: number }> = [];
  const skipped: number[] = [];
  let done = 0;
  const ctx: RunContext = {
    signal,
    emit: (output, rank) => emitted.push({ output, rank }),
    step: () => void (done += 1),
    skip: (entry) => skipped.push(entry.requestedMs),
    decoder: 'auto',
    decodedBy: () => undefined,
    note: () => undefined,
  };
  return { ctx, emitted, skipped, done: () => done };
}

describe('runSprite on a fake engine', () => {
  // The page's copy of a cell (sheetHolder.ts) is the fake bitmap itself here.
  beforeAll(() => void vi.stubGlobal('createImageBitmap', async (bitmap: ImageBitmap) => bitmap));

  it('decodes cells on every lane, draws them all in lane 0 at their places, and emits each sheet once complete', async () => {
    const spec = spriteSpec(true);
    expect(spec.timesMs).toHaveLength(20);
    const { engine, log } = fakeEngine(2, { gopMs: 2000, frameMs: 40 });
    const { ctx, emitted, done } = context();
    await runSprite(engine, file, source, spec, ctx);
    expect(done()).toBe(20);

    const decodedOn = new Set(log.calls.filter((c) => c.method === 'cellImage').map((c) => c.lane));
    expect(decodedOn).toEqual(new Set([0, 1]));
    const draws = log.calls.filter((c) => c.method === 'drawCell');
    expect(draws).toHaveLength(20);
    expect(new Set(draws.map((d) => d.lane))).toEqual(new Set([0]));
    for (const method of ['beginSheet', 'endSheet']) {
      const calls = log.calls.filter((c) => c.method === method);
      expect(calls.map((c) => c.sheet).sort()).toEqual([0, 1, 2]);
      expect(calls.every((c) => c.lane === 0)).toBe(true);
    }
    // Every sheet is ended after all of its cells were drawn.
    for (const sheet of [0, 1, 2]) {
      const end = log.calls.findIndex((c) => c.method === 'endSheet' && c.sheet === sheet);
      const lastDraw = log.calls.map((c, i) => (c.method === 'drawCell' && c.sheet === sheet ? i : -1)).reduce((a, b) => Math.max(a, b));
      expect(end).toBeGreaterThan(lastDraw);
    }
    // Cell 5 (second line, second column) at x = 80, y = 45.
    expect(draws.find((d) => d.sheet === 0 && d.x === 80 && d.y === 45)).toBeDefined();

    const ranked = [...emitted].sort((a, b) => a.rank - b.rank).map((e) => e.output);
    const names = ranked.map((o) => o.name);
    expect(names.filter((n) => n.startsWith('sprite_'))).toEqual(['sprite_000.jpg', 'sprite_001.jpg', 'sprite_002.jpg']);
    // Each sheet after its own cells, the VTT last.
    expect(names.indexOf('sprite_000.jpg')).toBe(8);
    expect(names.slice(-2)).toEqual(['thumbnails.vtt', 'storyboard.json']);
    const sheet = ranked.find((o) => o.kind === 'sheet' && o.name === 'sprite_001.jpg');
    expect(sheet?.kind === 'sheet' ? sheet.cells.map((c) => c.index) : []).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('leaves a skipped cell as background: no draw, actualMs null, reported once', async () => {
    const spec = spriteSpec(false);
    const bad = spec.timesMs[3] as number;
    const { engine, log } = fakeEngine(3, { gopMs: 2000, frameMs: 40, damagedMs: [bad] });
    const { ctx, emitted, skipped } = context();
    await runSprite(engine, file, source, spec, ctx);
    expect(skipped).toEqual([bad]);
    expect(log.calls.filter((c) => c.method === 'drawCell')).toHaveLength(19);
    const first = emitted.find((e) => e.output.name === 'sprite_000.jpg')?.output;
    expect(first?.kind === 'sheet' ? first.cells.find((c) => c.index === 3)?.actualMs : 'missing').toBeNull();
    expect(emitted.filter((e) => e.output.kind === 'cell')).toHaveLength(0);
  });

  it('a stall on lane 0, which holds the sheets, skips its time alone: the sheets are opened again with every other cell', async () => {
    const spec = spriteSpec(false);
    const stalled = spec.timesMs[5] as number;
    const { engine, log } = fakeEngine(2, { gopMs: 2000, frameMs: 40, hangMs: [stalled], watchdogMs: 30 });
    const { ctx, emitted, skipped, done } = context();
    await runSprite(engine, file, source, spec, ctx);
    expect(skipped).toEqual([stalled]);
    expect(done()).toBe(20);
    // The stalled cell was lane 0's: its worker was stopped, and the open sheets with it.
    expect(log.calls.find((c) => c.method === 'cellImage' && c.timeMs === stalled)?.lane).toBe(0);
    const restart = log.calls.findIndex((c) => c.method === 'restart');
    expect(log.calls[restart]?.lane).toBe(0);
    expect(log.calls.slice(0, restart).some((c) => c.method === 'drawCell' && c.sheet === 0)).toBe(true);
    // What each sheet holds when it is ended: the cells drawn since it was last opened.
    for (const sheet of [0, 1, 2]) {
      const end = log.calls.findIndex((c) => c.method === 'endSheet' && c.sheet === sheet);
      const begin = log.calls
        .map((c, i) => (c.method === 'beginSheet' && c.sheet === sheet && i < end ? i : -1))
        .reduce((a, b) => Math.max(a, b));
      const cells = new Set(
        log.calls
          .slice(begin, end)
          .filter((c) => c.method === 'drawCell' && c.sheet === sheet)
          .map((c) => `${c.x},${c.y}`),
      );
      expect(cells.size, `sheet ${sheet}`).toBe([7, 8, 4][sheet]);
      if (sheet === 0) expect(cells.has('80,45'), 'the stalled cell 5 stays background').toBe(false);
    }
    expect(log.calls.filter((c) => c.method === 'beginSheet' && c.sheet === 0).length).toBeGreaterThan(1);
    const sheets = emitted.filter((e) => e.output.kind === 'sheet').map((e) => e.output.name);
    expect(sheets.sort()).toEqual(['sprite_000.jpg', 'sprite_001.jpg', 'sprite_002.jpg']);
  });

  it('cancel stops every lane and emits no unfinished sheet', async () => {
    const spec = spriteSpec(false);
    const { engine, log } = fakeEngine(2, { gopMs: 2000, frameMs: 40, hangMs: [spec.timesMs[2] as number, spec.timesMs[14] as number] });
    const controller = new AbortController();
    const { ctx, emitted } = context(controller.signal);
    const run = runSprite(engine, file, source, spec, ctx);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(log.aborted.map((a) => a.lane).sort()).toEqual([0, 1]);
    expect(emitted.filter((e) => e.output.kind === 'sheet')).toHaveLength(0);
  });

  it('a sheet the browser cannot allocate fails the job with ResourceLimit and stops every lane', async () => {
    const spec = spriteSpec(false);
    const { engine } = fakeEngine(2, { gopMs: 2000, frameMs: 40, sheetFails: true });
    const { ctx, emitted } = context();
    const error = await runSprite(engine, file, source, spec, ctx).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ResourceLimit');
    expect(emitted.filter((e) => e.output.kind === 'sheet')).toHaveLength(0);
  });

  it('with trickplay: a BIF of every cell in time order (cells asked for, not emitted), the playlists, and Jellyfin copies of the sheets last', async () => {
    const { spec } = checkJobSpec(
      {
        ...DEFAULT_SPEC_INPUT,
        mode: 'sprite',
        interval: '2',
        cellWidth: '80',
        cellHeight: '45',
        columns: '4',
        lines: '2',
        padding: '0',
        margin: '0',
        fixedSheetSize: true,
        trickplay: ['bif', 'hls', 'dash', 'jellyfin'],
      },
      source,
    );
    if (spec?.mode !== 'sprite') throw new Error('bad test spec');
    const { engine, log } = fakeEngine(2, { gopMs: 2000, frameMs: 40 });
    const { ctx, emitted } = context();
    await runSprite(engine, file, source, spec, ctx);
    expect(log.calls.filter((c) => c.method === 'cellImage')).toHaveLength(20);
    expect(emitted.filter((e) => e.output.kind === 'cell')).toHaveLength(0);
    const ranked = [...emitted].sort((a, b) => a.rank - b.rank).map((e) => e.output);
    const trickplay = ranked.filter((o) => o.kind === 'trickplay');
    expect(ranked.slice(-trickplay.length)).toEqual(trickplay);
    expect(trickplay.map((o) => o.name)).toEqual([
      'clip.bif',
      'thumbnails.m3u8',
      'thumbnails_master_line.m3u8',
      'thumbnails_adaptation_set.mpd',
      'clip.trickplay/80 - 4x2/0.jpg',
      'clip.trickplay/80 - 4x2/1.jpg',
      'clip.trickplay/80 - 4x2/2.jpg',
    ]);
    const bif = new Uint8Array(await trickplay[0]!.blob.arrayBuffer());
    const view = new DataView(bif.buffer);
    expect(view.getUint32(12, true)).toBe(20);
    const first = view.getUint32(68, true);
    const second = view.getUint32(76, true);
    expect(new TextDecoder().decode(bif.subarray(first, second))).toBe('cell 0');
    expect(await trickplay[1]!.blob.text()).toContain(
      '#EXTINF:16.000,\n#EXT-X-TILES:RESOLUTION=80x45,LAYOUT=4x2,DURATION=2.000\nsprite_000.jpg',
    );
    expect(await trickplay[6]!.blob.text()).toBe('sheet 2');
  });
});
