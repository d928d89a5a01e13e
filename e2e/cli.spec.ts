/**
 * The `snapframe` command, run as a user runs it: `node bin/snapframe.mjs` from the checkout, on the
 * test videos, in its own headless Chromium (the built app's headless page, SNAPFRAME_DIST). What it writes is
 * opened and judged with the page tests' oracle (e2e/support: native ffmpeg's frames).
 * - exact frames, as a zip (checkSnapshotZip, the page's zip check) and as folders;
 * - a sprite job's sheets and WebVTT: every cell is the frame at its cue;
 * - a folder with bad files: exit 1, the page's sentences on stderr naming each file, the good video done; --json;
 * - a vendor request (--spec), and a wrong one (exit 2);
 * - shards: two processes on two shards == one process on the whole folder, every video exactly once;
 *   a process killed mid-run, Ctrl+C, then --skip-existing completes only what was missing;
 * - exit 2 on bad arguments.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { checkSnapshotZip } from './support/accuracy';
import { jsonLines, listTree, runCli, startCli } from './support/cli';
import { compareWithFrames, type FrameItem } from './support/frameMatch';
import { crop } from './support/imageFormats';
import { decodeJpeg } from './support/images';
import { MEDIA, mediaPath } from './support/media';
import { frameIndexAt, probeVideo } from './support/reference';
import { expectedCells, expectedSheetSize, type SpriteGrid } from './support/sprites';

test.describe.configure({ timeout: 300_000 });

let tmp: string;
test.beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-cli-'));
});
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh folder under the test's temp dir. */
function dir(name: string): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** A folder of symbolic links to test videos (never copies). */
function linkFolder(name: string, videos: readonly string[]): string {
  const d = dir(name);
  for (const v of videos) fs.symlinkSync(mediaPath(v), path.join(d, v));
  return d;
}

const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> & { files: Array<Record<string, unknown>> };
/** A manifest without what differs between two runs of the same job. */
const stable = (file: string) => {
  const { jobId: _j, createdAt: _c, finishedAt: _f, ...rest } = readJson(file);
  return rest;
};

test("exact frames: --zip holds what the page's zip holds; folders hold the same files, each the frame displayed at t", async ({}, testInfo) => {
  const out = dir('exact');
  const offsets = ['0', '1.5s', '0:02.5', '2502', '50%'];
  const zipRun = await runCli(['--offsets', offsets.join(', '), '--width', '320', '--zip', '-o', out, mediaPath(MEDIA.flower)]);
  expect(zipRun.stderr).toBe('');
  expect(zipRun.code).toBe(0);
  const check = await checkSnapshotZip({
    testInfo,
    zipPath: path.join(out, 'flower_snapshots.zip'),
    suggestedFilename: 'flower_snapshots.zip',
    sourceFile: mediaPath(MEDIA.flower),
    offsets: [
      { text: '0', ms: 0 },
      { text: '1.5s', ms: 1500 },
      { text: '0:02.5', ms: 2500 },
      { text: '2502', ms: 2502 },
      { text: '50%', percent: 50 },
    ],
    width: 320,
    height: 180,
  });
  expect(check.problems).toEqual([]);

  // Folders, two videos at once: VP8 WebM and a 4:3 H.264.
  const run = await runCli([
    '--offsets',
    '0.25s, 1.5s, 3001',
    '--width',
    '160',
    '--jobs',
    '2',
    '-o',
    out,
    mediaPath(MEDIA.flowerWebm),
    mediaPath(MEDIA.friday),
  ]);
  expect(run.code, run.stderr).toBe(0);
  for (const [video, name, height] of [
    [MEDIA.flowerWebm, 'flower', 90],
    [MEDIA.friday, 'friday', 120],
  ] as const) {
    const folder = path.join(out, name);
    const manifest = readJson(path.join(folder, 'manifest.json'));
    expect(fs.readdirSync(folder).sort()).toEqual([...manifest.files.map((f) => f.name as string), 'manifest.json'].sort());
    const ref = await probeVideo(mediaPath(video));
    const items: FrameItem[] = manifest.files.map((f) => {
      const image = decodeJpeg(fs.readFileSync(path.join(folder, f.name as string)));
      expect(image.height).toBe(height);
      return { label: `${video} ${f.name as string}`, image, k: frameIndexAt(ref.frames, f.requestedMs as number) };
    });
    expect(items).toHaveLength(3);
    expect((await compareWithFrames(ref, items, { testInfo, name: video })).problems).toEqual([]);
  }
});

test('a sprite job: its sheets and thumbnails.vtt, every cell the frame at its cue; --deinterlace reaches the spec and manifest', async ({}, testInfo) => {
  const out = dir('sprite');
  const grid: SpriteGrid = { cellWidth: 160, cellHeight: 90, columns: 5, lines: 3, padding: 2, margin: 4 };
  const run = await runCli([
    '--sprite',
    '5x3',
    '--cell',
    '160x90',
    '--interval',
    '0.5',
    '--padding',
    '2',
    '--margin',
    '4',
    '--color',
    'white',
    '--deinterlace',
    'off',
    '-o',
    out,
    mediaPath(MEDIA.bunnyWebm),
  ]);
  expect(run.code, run.stderr).toBe(0);
  const folder = path.join(out, 'Big_Buck_Bunny_180_10s');
  expect(fs.readdirSync(folder).sort()).toEqual(['manifest.json', 'sprite_000.jpg', 'sprite_001.jpg', 'storyboard.json', 'thumbnails.vtt']);

  const vtt = fs.readFileSync(path.join(folder, 'thumbnails.vtt'), 'utf8');
  expect(vtt.startsWith('WEBVTT')).toBe(true);
  const cues = [...vtt.matchAll(/(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> [\d:.]+\s+(sprite_\d+\.jpg)#xywh=(\d+),(\d+),(\d+),(\d+)/g)].map(
    (m) => ({
      startMs: ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]),
      sheet: m[5]!,
      rect: { x: Number(m[6]), y: Number(m[7]), width: Number(m[8]), height: Number(m[9]) },
    }),
  );
  expect(cues).toHaveLength(20);
  const expected = expectedCells(grid, 20);
  expect(cues.map((c) => ({ sheet: c.sheet, ...c.rect }))).toEqual(
    expected.map((e) => ({ sheet: e.sheetName, x: e.x, y: e.y, width: e.width, height: e.height })),
  );
  expect(cues.map((c) => c.startMs)).toEqual(Array.from({ length: 20 }, (_, k) => k * 500));

  const ref = await probeVideo(mediaPath(MEDIA.bunnyWebm));
  const sheets = new Map(['sprite_000.jpg', 'sprite_001.jpg'].map((n) => [n, decodeJpeg(fs.readFileSync(path.join(folder, n)))]));
  // The last sheet holds only the lines it uses: 5 of 20 cells, one line.
  const sheetLines: Record<string, number> = { 'sprite_000.jpg': grid.lines, 'sprite_001.jpg': 1 };
  for (const [name, sheet] of sheets)
    expect({ width: sheet.width, height: sheet.height }, name).toEqual(expectedSheetSize({ ...grid, lines: sheetLines[name]! }));
  const items = cues.map((c) => ({
    label: `${c.sheet} cell at ${c.startMs} ms`,
    image: crop(sheets.get(c.sheet)!, c.rect.x, c.rect.y, c.rect.width, c.rect.height),
    k: frameIndexAt(ref.frames, c.startMs),
  }));
  expect((await compareWithFrames(ref, items, { testInfo, name: 'sprite' })).problems).toEqual([]);
  const manifest = readJson(path.join(folder, 'manifest.json'));
  expect(manifest.spec).toMatchObject({
    mode: 'sprite',
    deinterlace: 'off',
    sprite: { columns: 5, lines: 3, padding: 2, margin: 4, color: 'white', webvtt: true },
  });
  expect(manifest.deinterlace).toEqual({ mode: 'off', applied: false });
});

test("a folder with bad files: exit 1, the page's sentence for each on stderr, the good video done; --json lines parse", async () => {
  const input = linkFolder('bad-in', [MEDIA.friday]);
  fs.mkdirSync(path.join(input, 'sub'));
  fs.writeFileSync(path.join(input, 'sub', 'notes.mp4'), 'this is not a video\n');
  fs.writeFileSync(path.join(input, 'empty.mov'), '');
  fs.writeFileSync(path.join(input, 'readme.txt'), 'not taken: no video extension\n');
  const out = dir('bad-out');
  const run = await runCli(['--json', '--offsets', '1s', '--width', '96', '-o', out, input]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('empty.mov is empty (0 bytes). Choose the complete video file.');
  expect(run.stderr).toMatch(/notes\.mp4 could not be read as a video .*choose a video file/);
  expect(run.stderr.trim().split('\n')).toHaveLength(2);

  const events = jsonLines(run.stdout);
  const byEvent = (e: string) => events.filter((x) => x.event === e);
  expect(
    byEvent('queued')
      .map((e) => path.basename(e.video as string))
      .sort(),
  ).toEqual(['empty.mov', 'friday.mp4', 'notes.mp4']);
  expect(byEvent('failed').map((e) => [path.basename(e.video as string), e.code])).toEqual(
    expect.arrayContaining([
      ['empty.mov', 'UnsupportedMedia'],
      ['notes.mp4', 'UnsupportedMedia'],
    ]),
  );
  expect(byEvent('progress').at(-1)).toMatchObject({ done: 1, total: 1 });
  expect(byEvent('finished')).toEqual([
    expect.objectContaining({ path: path.join(out, 'friday'), files: ['friday_00001000ms.jpg', 'manifest.json'] }),
  ]);
  expect(events.at(-1)).toMatchObject({ event: 'summary', finished: 1, failed: 2, notDone: 0 });
  expect(listTree(out)).toEqual(['friday/friday_00001000ms.jpg', 'friday/manifest.json']);
});

test("a vendor request as --spec (Alibaba SubmitSnapshotJob) makes the page's job; a wrong one is exit 2 naming the field", async () => {
  const out = dir('vendor');
  const request = path.join(tmp, 'alibaba.json');
  fs.writeFileSync(
    request,
    JSON.stringify({
      VideoId: 'd3e680e618708efbf2cae7cc9312****',
      SpecifiedOffsetTimes: [1000, 2500],
      Width: '240',
      UserData: '{"Extend":{"localId":"xxx"}}',
    }),
  );
  const run = await runCli(['--spec', request, '-o', out, mediaPath(MEDIA.flower)]);
  expect(run.code, run.stderr).toBe(0);
  expect(listTree(out)).toEqual(['flower/flower_00001000ms.jpg', 'flower/flower_00002500ms.jpg', 'flower/manifest.json']);
  const manifest = readJson(path.join(out, 'flower', 'manifest.json'));
  expect(manifest.spec).toMatchObject({ mode: 'offsets', offsetsMs: [1000, 2500], width: 240, height: 135 });
  expect(manifest.userData).toEqual({ Extend: { localId: 'xxx' } });

  // A Tencent sprite template overridden on the command line (--count), checked before any video is opened.
  fs.writeFileSync(
    request,
    JSON.stringify({ SampleType: 'Percent', SampleInterval: 25, RowCount: 2, ColumnCount: 2, Width: 80, Height: 45 }),
  );
  const sprite = await runCli(['--spec', request, '--count', '3', '-o', out, mediaPath(MEDIA.flower)]);
  expect(sprite.code, sprite.stderr).toBe(0);
  const spriteSpec = readJson(path.join(out, 'flower', 'manifest.json')).spec as { timesMs: number[] };
  expect(spriteSpec).toMatchObject({ mode: 'sprite', sprite: { columns: 2, lines: 2, cellWidth: 80, cellHeight: 45, webvtt: true } });
  expect(spriteSpec.timesMs).toHaveLength(3);
  expect(listTree(path.join(out, 'flower'))).toEqual(['manifest.json', 'sprite_000.jpg', 'storyboard.json', 'thumbnails.vtt']);

  fs.writeFileSync(request, JSON.stringify({ SpecifiedOffsetTimes: [1000], Wdth: 640 }));
  const wrong = await runCli(['--spec', request, '-o', out, mediaPath(MEDIA.flower)]);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('alibaba.json: This Alibaba SubmitSnapshotJob request has unknown field "Wdth".');
});

test('shards: two processes on two shards == one process on the whole folder; a killed run, Ctrl+C, then --skip-existing finish only what is missing', async () => {
  const videos = [MEDIA.flower, MEDIA.flowerWebm, MEDIA.friday, MEDIA.bunnyWebm, MEDIA.mov];
  const input = linkFolder('shard-in', videos);
  const args = ['--offsets', '0.5s, 50%', '--width', '64', '--json'];
  const whole = dir('whole');
  const sharded = dir('sharded');
  const [all, s0, s1] = await Promise.all([
    runCli([...args, '-o', whole, input]),
    runCli([...args, '--shard', '0/2', '-o', sharded, input]),
    runCli([...args, '--shard', '1/2', '-o', sharded, input]),
  ]);
  for (const r of [all, s0, s1]) expect(r.code, r.stderr).toBe(0);
  const finished = (stdout: string) =>
    jsonLines(stdout)
      .filter((e) => e.event === 'finished')
      .map((e) => path.basename(e.video as string));
  const f0 = finished(s0.stdout);
  const f1 = finished(s1.stdout);
  expect([...f0, ...f1].sort(), 'every video in exactly one shard').toEqual([...videos].sort());
  expect(f0.length + f1.length).toBe(new Set([...f0, ...f1]).size);
  expect(Math.abs(f0.length - f1.length)).toBeLessThanOrEqual(1);
  // The same outputs: the same files, the same image bytes, the same manifests but for ids and clocks.
  const files = listTree(whole);
  expect(files).toHaveLength(videos.length * 3);
  expect(listTree(sharded)).toEqual(files);
  for (const f of files) {
    if (f.endsWith('manifest.json')) expect(stable(path.join(sharded, f)), f).toEqual(stable(path.join(whole, f)));
    else expect(fs.readFileSync(path.join(sharded, f)).equals(fs.readFileSync(path.join(whole, f))), f).toBe(true);
  }

  // Killed (SIGKILL) after its second video: what is there is complete, the rest is not there at all. The polls below
  // look every 50 ms (expect.poll's own intervals grow to 1 s, long enough for these small videos to all finish).
  const resumed = dir('resumed');
  const visible = () => fs.readdirSync(resumed).filter((n) => !n.startsWith('.'));
  const killed = startCli([...args, '-o', resumed, input]);
  await expect
    .poll(() => jsonLines(killed.stdout()).filter((e) => e.event === 'finished').length, { timeout: 120_000, intervals: [50] })
    .toBeGreaterThanOrEqual(2);
  killed.child.kill('SIGKILL');
  await killed.done;
  const afterKill = visible();
  // A SIGKILL leaves the temporary folder of the video in progress (hidden, ignored by later runs).
  const hiddenAfterKill = fs
    .readdirSync(resumed)
    .filter((n) => n.startsWith('.'))
    .sort();
  for (const name of afterKill) expect(fs.existsSync(path.join(resumed, name, 'manifest.json')), `${name} is complete`).toBe(true);
  expect(afterKill.length).toBeGreaterThanOrEqual(2);
  expect(afterKill.length).toBeLessThan(videos.length);

  // Ctrl+C (SIGINT) during the rerun: exit 130, finished videos complete, nothing half-written, its temp folders gone.
  const stopped = startCli([...args, '--skip-existing', '-o', resumed, input]);
  await expect
    .poll(() => jsonLines(stopped.stdout()).filter((e) => e.event === 'progress').length, { timeout: 120_000, intervals: [50] })
    .toBeGreaterThanOrEqual(1);
  stopped.child.kill('SIGINT');
  const stop = await stopped.done;
  expect(stop.code, stop.stderr).toBe(130);
  const skipped = jsonLines(stop.stdout)
    .filter((e) => e.event === 'skipped')
    .map((e) => path.basename(e.video as string));
  expect(skipped.length).toBe(afterKill.length);
  for (const name of visible()) expect(fs.existsSync(path.join(resumed, name, 'manifest.json')), `${name} is complete`).toBe(true);
  expect(
    fs
      .readdirSync(resumed)
      .filter((n) => n.startsWith('.'))
      .sort(),
    'the stopped run left no temp folder',
  ).toEqual(hiddenAfterKill);

  // The last rerun does only what is missing, and the result is the whole run's.
  const before = new Set(visible());
  const last = await runCli([...args, '--skip-existing', '-o', resumed, input]);
  expect(last.code, last.stderr).toBe(0);
  const redone = jsonLines(last.stdout)
    .filter((e) => e.event === 'finished')
    .map((e) => path.basename(e.path as string));
  expect(redone.length).toBe(videos.length - before.size);
  for (const folder of redone) expect(before.has(folder), `${folder} was done again`).toBe(false);
  expect(listTree(resumed).filter((f) => !f.startsWith('.'))).toEqual(files);
});

test('bad arguments: exit 2 with a sentence saying which, before any browser starts', async () => {
  const video = mediaPath(MEDIA.flower);
  const cases: Array<[string[], RegExp]> = [
    [[], /missing required argument 'inputs'/],
    [['--offsets', '1s', '--sprite', '4x4', video], /--offsets cannot be used with --sprite/],
    [['--offsets', '1s', '--quality', '101', video], /--quality: Quality must be a whole number from 1 to 100/],
    [['--offsets', 'soon', video], /--offsets: /],
    [['--sprite', 'ten', video], /--sprite must be COLUMNSxLINES/],
    [['--offsets', '1s', '--shard', '2/2', video], /--shard must be I\/N/],
    [['--offsets', '1s', '--jobs', '0', video], /--jobs must be a whole number from 1 to 64/],
    [['--offsets', '1s', '--fit', 'blue', video], /option '--fit <fit>' argument 'blue' is invalid/],
    [['--offsets', '1s', path.join(tmp, 'nothing-here.mp4')], /nothing-here\.mp4: no such file or folder/],
    [['--bogus', video], /unknown option '--bogus'/],
    [['--width', '320', video], /Say what to take/],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(args);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
    expect(run.stderr).toMatch(message);
  }
  const help = await runCli(['--help']);
  expect(help.code).toBe(0);
  for (const option of [
    '--offsets',
    '--interval',
    '--sprite',
    '--cell',
    '--keep-cells',
    '--no-vtt',
    '--fit',
    '--keyframes',
    '--user-data',
    '--spec',
    '--zip',
    '--jobs',
    '--shard',
    '--skip-existing',
    '--json',
  ]) {
    expect(help.stdout).toContain(option);
  }
});

test('the Node API: snapshot() with progress and an AbortSignal, as the command uses it', async () => {
  // The package's own export, as a user imports it (a variable, so that type checks do not need the build).
  const specifier = 'snapframe/node';
  const { openEngine, snapshot, specFromFile } = (await import(specifier)) as typeof import('../src/cli/node');
  const out = dir('node-api');
  const engine = await openEngine({ jobs: 1 });
  try {
    const progress: string[] = [];
    const result = await snapshot(
      mediaPath(MEDIA.friday),
      { mode: 'sample', interval: '2', width: '80' },
      {
        outDir: out,
        engine,
        onProgress: (p) => progress.push(p.phase === 'running' ? `${p.done}/${p.total}` : p.phase),
      },
    );
    expect(result.path).toBe(path.join(out, 'friday'));
    expect(result.files).toEqual([
      'friday_00000000ms.jpg',
      'friday_00002000ms.jpg',
      'friday_00004000ms.jpg',
      'friday_00006000ms.jpg',
      'manifest.json',
    ]);
    expect(result.manifest.spec).toMatchObject({ mode: 'sample', timesMs: [0, 2000, 4000, 6000], width: 80, height: 60 });
    expect(progress[0]).toBe('probing');
    expect(progress).toContain('4/4');
    expect(progress.at(-1)).toBe('writing');

    // Aborted while it runs: Cancelled, and nothing of this video in the folder.
    const controller = new AbortController();
    const aborted = snapshot(
      mediaPath(MEDIA.flower),
      { mode: 'sample', interval: '0.1', width: '320' },
      {
        outDir: out,
        engine,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'running' && p.done >= 2) controller.abort();
        },
      },
    );
    await expect(aborted).rejects.toMatchObject({ code: 'Cancelled' });
    expect(fs.readdirSync(out)).toEqual(['friday']);

    // A vendor request through specFromFile (ZEGO), and a spec that does not fit the video: the page's sentence.
    const zego = specFromFile(JSON.stringify({ Type: 'SnapshotByTimeOffset', 'ExtTimeOffsetSet[]': [1, 2] }), 'zego.json');
    expect((await snapshot(mediaPath(MEDIA.friday), zego, { outDir: out, engine, zip: true })).files).toEqual(['friday_snapshots.zip']);
    await expect(snapshot(mediaPath(MEDIA.friday), { mode: 'offsets', offsetsText: '9s' }, { outDir: out, engine })).rejects.toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringMatching(/^friday\.mp4: .*9s/),
    });
  } finally {
    await engine.close();
  }
});
