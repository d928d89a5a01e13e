/**
 * Trickplay: the seek-preview files TV players and media servers read, each read back by what reads it in real life.
 * A person picks Sprite sheet, a 2 × 2 grid of 160 × 90 cells every second, full-size sheets and every trickplay
 * format, downloads the zip, and:
 * - shaka-player (npm) in the browser loads an HLS master playlist and a DASH MPD that Debian's ffmpeg made from the
 *   same video, with our image track added (the master line and the adaptation set from the zip): `getThumbnails` at
 *   five times gives our sheet, the cell's place and the interval, and the cell cut there is native ffmpeg's frame at
 *   the thumbnail's start;
 * - the BIF is read by a reader written here from Roku's published layout (not the writer's code): every image is
 *   the frame at its timestamp;
 * - Jellyfin's tiles are where Jellyfin's TrickplayManager looks (`<video>.trickplay/<width> - <cols>x<rows>/<i>.jpg`,
 *   its folder regex), full grids, as many as the thumbnails need;
 * - the command line, given the same spec, writes the same files, byte for byte;
 * - a BIF over Roku's sizes is refused before any decoding, on the page and on the command line;
 * - for a single-file DASH video (a fragmented MP4 with a sidx, made here by Debian's ffmpeg) the job writes a complete
 *   `manifest.mpd`: shaka-player plays the video by the MPD's byte ranges and finds our thumbnails in it; for the
 *   WebM above the job's notes say why only the adaptation set was written.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { SnapframePage } from './support/app';
import { runCli } from './support/cli';
import { expect, test } from './support/fixtures';
import { SpecFormDriver } from './support/form';
import { compareWithFrames, type FrameItem } from './support/frameMatch';
import { crop } from './support/imageFormats';
import { decodeJpeg } from './support/images';
import { MEDIA, mediaPath } from './support/media';
import { frameIndexAt, probeVideo } from './support/reference';
import { expectedSampleTimes } from './support/sampling';
import { serveShaka, shakaPlayback, shakaThumbnails } from './support/shakaPage';
import { ZipArchive } from './support/zip';

const VIDEO = MEDIA.bunnyWebm;
const BASE = 'Big_Buck_Bunny_180_10s';
const CELL = { width: 160, height: 90 };
const GRID = { columns: 2, lines: 2 };
const INTERVAL_MS = 1000;
const FORMAT_LABELS = [/^BIF/, /^HLS image playlist/, /^DASH thumbnails/, /^Jellyfin/];

/** Roku's BIF layout, read field by field: magic, version, count, multiplier, reserved to 64, index, images. */
function readBif(bytes: Buffer) {
  const magic = [...bytes.subarray(0, 8)];
  expect(magic, 'BIF magic 0x89 B I F \\r \\n 0x1a \\n').toEqual([0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.readUInt32LE(8), 'version').toBe(0);
  const count = bytes.readUInt32LE(12);
  const multiplier = bytes.readUInt32LE(16) || 1000;
  expect(
    [...bytes.subarray(20, 64)].every((b) => b === 0),
    'bytes 20-63 reserved, zero',
  ).toBe(true);
  const entry = (k: number) => ({ timestamp: bytes.readUInt32LE(64 + 8 * k), offset: bytes.readUInt32LE(68 + 8 * k) });
  const end = entry(count);
  expect(end.timestamp, 'the index ends with 0xffffffff').toBe(0xffffffff);
  expect(end.offset, "the end entry's offset is the end of the last image").toBe(bytes.length);
  return Array.from({ length: count }, (_, k) => ({
    ms: entry(k).timestamp * multiplier,
    jpeg: bytes.subarray(entry(k).offset, entry(k + 1).offset),
  }));
}

/** Cell k's sheet and top-left corner on a plain grid. */
function place(k: number) {
  const perSheet = GRID.columns * GRID.lines;
  const slot = k % perSheet;
  return { sheet: Math.floor(k / perSheet), x: (slot % GRID.columns) * CELL.width, y: Math.floor(slot / GRID.columns) * CELL.height };
}

const sheetName = (index: number) => `sprite_${String(index).padStart(3, '0')}.jpg`;

/**
 * Writes `dir/spec.json`, a preset file holding the same sprite job as setUpTrickplaySprite's form, for the command
 * line's `--spec` (the trickplay formats are given with `--trickplay`).
 * @returns the file's path
 */
function writeSpriteSpec(dir: string): string {
  const input = {
    mode: 'sprite',
    start: '',
    interval: '1',
    count: '',
    cellWidth: String(CELL.width),
    cellHeight: String(CELL.height),
    columns: String(GRID.columns),
    lines: String(GRID.lines),
    padding: '0',
    margin: '0',
    fixedSheetSize: true,
  };
  const specFile = path.join(dir, 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify({ snapframePresets: 1, presets: [{ name: 'trickplay test', input }] }));
  return specFile;
}

/**
 * Chooses `file` (shown as `name`) and sets up the sprite job every trickplay test makes: a cell each second, CELL
 * cells on a fixed 2x2 GRID, no padding or margin, the trickplay formats whose checkboxes `formats` names.
 */
async function setUpTrickplaySprite(app: SnapframePage, page: Page, file: string, name: string, formats: readonly (string | RegExp)[]) {
  await app.open();
  await app.chooseFile(file);
  await app.waitForProbe(name);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Sprite sheet');
  await form.fill({
    Start: '',
    'Interval (s)': '1',
    Count: '',
    'Cell width': CELL.width,
    'Cell height': CELL.height,
    Columns: 2,
    Lines: 2,
    Padding: 0,
    Margin: 0,
  });
  await form.setChecks({ 'Fixed sheet size': true });
  for (const label of formats) await page.getByRole('checkbox', { name: label }).check();
}

test("BIF, HLS, DASH and Jellyfin trickplay of a sprite job, read by shaka-player, a BIF reader and Jellyfin's layout; the command line writes the same bytes", async ({
  app,
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const file = mediaPath(VIDEO);
  const ref = await probeVideo(file);
  const times = expectedSampleTimes(ref.durationMs, { intervalSec: 1 });
  expect(times).toHaveLength(10);
  const sheetCount = Math.ceil(times.length / (GRID.columns * GRID.lines));

  await setUpTrickplaySprite(app, page, file, VIDEO, FORMAT_LABELS);
  const job = await app.createSnapshots();
  expect(await job.waitForEnd(180_000)).toBe('Finished');
  const { zipPath } = await app.downloadZip();
  const zip = await ZipArchive.open(zipPath);
  const manifest = (await zip.manifest()) as unknown as {
    spec: { trickplay?: string[] };
    files: Array<{ kind: string; name: string; format?: string; sheet?: string; images?: number }>;
    notes?: string[];
  };
  expect(manifest.spec.trickplay).toEqual(['bif', 'hls', 'dash', 'jellyfin']);
  // A WebM is not a single-file DASH video: the notes say so, and what to run.
  expect(manifest.notes?.find((n) => n.startsWith('DASH:'))).toContain(
    `only thumbnails_adaptation_set.mpd, because ${VIDEO} is not an MP4 file, and a single-file DASH video is a fragmented MP4 with a segment index`,
  );
  expect(manifest.notes?.find((n) => n.startsWith('DASH:'))).toContain('-movflags +frag_keyframe+empty_moov+default_base_moof+global_sidx');
  const trickplay = manifest.files.filter((f) => f.kind === 'trickplay');
  expect(trickplay.map((f) => `${f.format} ${f.name}`)).toEqual([
    `bif ${BASE}.bif`,
    'hls thumbnails.m3u8',
    'hls thumbnails_master_line.m3u8',
    'dash thumbnails_adaptation_set.mpd',
    ...Array.from({ length: sheetCount }, (_, i) => `jellyfin ${BASE}.trickplay/160 - 2x2/${i}.jpg`),
  ]);

  // BIF: every image is the frame at its timestamp.
  const bif = readBif(await zip.bytes(`${BASE}.bif`));
  expect(bif.map((i) => i.ms)).toEqual(times);
  const bifItems: FrameItem[] = bif.map((image) => ({
    label: `BIF image at ${image.ms} ms`,
    image: decodeJpeg(image.jpeg),
    k: frameIndexAt(ref.frames, image.ms),
  }));
  bifItems.forEach((item) => expect([item.image.width, item.image.height]).toEqual([CELL.width, CELL.height]));
  const bifCheck = await compareWithFrames(ref, bifItems, { testInfo, name: 'bif' });
  expect(bifCheck.problems, bifCheck.problems.join('\n')).toEqual([]);

  // Jellyfin: the folder its TrickplayManager reads (regex ^(\d+) - (\d+)x(\d+)$), tiles {i}.jpg from 0, each a full
  // grid (its encoder pads the last tile), as many as ceil(thumbnails / (cols × rows)).
  const tiles = zip.names.filter((n) => n.startsWith(`${BASE}.trickplay/`)).sort();
  const folder = /^[^/]+\.trickplay\/(\d+) - (\d+)x(\d+)\/(\d+)\.jpg$/;
  const parsed = tiles.map((n) => folder.exec(n));
  expect(parsed.every(Boolean), tiles.join(', ')).toBe(true);
  expect(parsed.map((m) => [Number(m![1]), Number(m![2]), Number(m![3])])).toEqual(
    Array(sheetCount).fill([CELL.width, GRID.columns, GRID.lines]),
  );
  expect(parsed.map((m) => Number(m![4])).sort((a, b) => a - b)).toEqual([...Array(sheetCount).keys()]);
  for (let i = 0; i < sheetCount; i++) {
    const tile = await zip.bytes(`${BASE}.trickplay/160 - 2x2/${i}.jpg`);
    const image = decodeJpeg(tile);
    expect([image.width, image.height], `tile ${i} is the full ${GRID.columns}x${GRID.lines} grid`).toEqual([
      CELL.width * GRID.columns,
      CELL.height * GRID.lines,
    ]);
    expect(tile.equals(await zip.bytes(sheetName(i))), `tile ${i} is sheet ${i}`).toBe(true);
  }

  // shaka-player: HLS and DASH with our image track beside ffmpeg's video.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-trickplay-'));
  try {
    const ffmpeg = (args: string[]) =>
      execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', file, '-an', '-c:v', 'copy', ...args], { cwd: dir });
    ffmpeg(['-f', 'hls', '-hls_segment_type', 'fmp4', '-hls_time', '2', '-hls_playlist_type', 'vod', 'video.m3u8']);
    ffmpeg(['-f', 'dash', '-seg_duration', '2', 'video.mpd']);
    for (const name of zip.names.filter((n) => !n.includes('/'))) fs.writeFileSync(path.join(dir, name), await zip.bytes(name));
    // The master playlist: ffmpeg's video variant (codec string as its MPD names it), then our line beside it.
    const codecs = /codecs="([^"]+)"/.exec(fs.readFileSync(path.join(dir, 'video.mpd'), 'utf8'))?.[1];
    expect(codecs, "ffmpeg's MPD names the video codec").toBeTruthy();
    const variant = `#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=${ref.displayWidth}x${ref.displayHeight},CODECS="${codecs}"\nvideo.m3u8\n`;
    const imageLine = await zip.text('thumbnails_master_line.m3u8');
    expect(imageLine).toMatch(/^#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=\d+,RESOLUTION=160x90,CODECS="jpeg",URI="thumbnails.m3u8"\n$/);
    fs.writeFileSync(path.join(dir, 'master.m3u8'), `#EXTM3U\n#EXT-X-VERSION:7\n${variant}${imageLine}`);
    const mpd = fs.readFileSync(path.join(dir, 'video.mpd'), 'utf8');
    expect(mpd).toContain('</Period>');
    fs.writeFileSync(path.join(dir, 'video.mpd'), mpd.replace('</Period>', `${await zip.text('thumbnails_adaptation_set.mpd')}</Period>`));

    const server = await serveShaka(dir);
    const context = await browser.newContext();
    const atSec = [0.5, 3.2, 4, 7.9, 9.5];
    try {
      const view = await context.newPage();
      await view.goto(server.url);
      const items: FrameItem[] = [];
      for (const manifestName of ['master.m3u8', 'video.mpd']) {
        const answer = await shakaThumbnails(view, `/files/${manifestName}`, atSec);
        expect(answer.imageTracks, `${manifestName}: one image track`).toBe(1);
        for (const [j, t] of atSec.entries()) {
          const thumb = answer.thumbnails[j];
          const k = Math.floor((t * 1000) / INTERVAL_MS);
          const where = place(k);
          const label = `${manifestName} at ${t} s`;
          expect(thumb, label).not.toBeNull();
          expect(path.basename(new URL(thumb!.uris[0]!).pathname), `${label}: sheet`).toBe(sheetName(where.sheet));
          expect([thumb!.positionX, thumb!.positionY, thumb!.width, thumb!.height], `${label}: cell`).toEqual([
            where.x,
            where.y,
            CELL.width,
            CELL.height,
          ]);
          expect(thumb!.startTime, `${label}: start`).toBeCloseTo((k * INTERVAL_MS) / 1000, 6);
          expect(thumb!.duration, `${label}: duration`).toBeCloseTo(INTERVAL_MS / 1000, 6);
          const sheet = decodeJpeg(await zip.bytes(sheetName(where.sheet)));
          items.push({
            label,
            image: crop(sheet, thumb!.positionX, thumb!.positionY, thumb!.width, thumb!.height),
            k: frameIndexAt(ref.frames, thumb!.startTime * 1000),
          });
        }
      }
      const cells = await compareWithFrames(ref, items, { testInfo, name: 'shaka-cells' });
      expect(cells.problems, cells.problems.join('\n')).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // The command line with the same spec writes the same files, byte for byte.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-trickplay-cli-'));
  try {
    const specFile = writeSpriteSpec(out);
    const run = await runCli(['--spec', specFile, '--trickplay', 'bif,hls,dash,jellyfin', '-o', path.join(out, 'cli'), file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const folder = path.join(out, 'cli', BASE);
    const written = (fs.readdirSync(folder, { recursive: true }) as string[])
      .filter((n) => fs.statSync(path.join(folder, n)).isFile())
      .sort();
    expect(written).toEqual([...zip.names].sort());
    for (const name of zip.names.filter((n) => n !== 'manifest.json')) {
      expect(fs.readFileSync(path.join(folder, name)).equals(await zip.bytes(name)), `${name}: the same bytes`).toBe(true);
    }
    const cliManifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as typeof manifest;
    expect(cliManifest.files).toEqual(manifest.files);
    expect(cliManifest.spec).toEqual(manifest.spec);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("a BIF over Roku's sizes is refused before any decoding, on the page and on the command line", async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.chooseFile(mediaPath(VIDEO));
  await app.waitForProbe(VIDEO);
  const form = new SpecFormDriver(page);
  await form.chooseMode('Interval');
  await form.fill({ 'Interval (s)': '1', Count: '', Width: '640', Height: '' });
  await page.getByRole('checkbox', { name: /^BIF/ }).check();
  const alert = await app.createSnapshotsExpectingProblem(/the limit is 320 px wide/);
  expect(alert).toContain('A BIF image would be 640×360 px');

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-trickplay-refused-'));
  try {
    const run = await runCli(['--interval', '1', '--width', '640', '--trickplay', 'bif', '-o', out, mediaPath(VIDEO)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${VIDEO}: A BIF image would be 640×360 px; the limit is 320 px wide`);
    expect(
      fs.readdirSync(out).filter((n) => !n.startsWith('.')),
      'nothing written',
    ).toEqual([]);
    const usage = await runCli(['--interval', '1', '--trickplay', 'bif,mp4', '-o', out, mediaPath(VIDEO)]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--trickplay: Trickplay must be a list of bif, hls, dash, jellyfin');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('a complete MPD for a single-file DASH video: shaka-player plays the video by its byte ranges and finds our thumbnails; the command line writes the same bytes', async ({
  app,
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-trickplay-mpd-'));
  try {
    // The single-file DASH video: flower.mp4's H.264 stream, a fragment at each keyframe, a global sidx after moov.
    const name = 'flower_dash.mp4';
    const video = path.join(dir, name);
    const dashArgs = ['-map', '0:v:0', '-c:v', 'copy', '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof+global_sidx'];
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', mediaPath(MEDIA.flower), ...dashArgs, video]);
    // ffmpeg's own DASH muxer names the codec of the same stream: the oracle of our codecs string.
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      video,
      '-c',
      'copy',
      '-f',
      'dash',
      path.join(dir, 'ffmpeg.mpd'),
    ]);
    const ffmpegCodecs = /codecs="([^"]+)"/.exec(fs.readFileSync(path.join(dir, 'ffmpeg.mpd'), 'utf8'))?.[1];
    const ref = await probeVideo(video);
    const times = expectedSampleTimes(ref.durationMs, { intervalSec: 1 });
    const sheetCount = Math.ceil(times.length / (GRID.columns * GRID.lines));

    await setUpTrickplaySprite(app, page, video, name, [/^DASH thumbnails/]);
    const job = await app.createSnapshots();
    expect(await job.waitForEnd(120_000)).toBe('Finished');
    const { zipPath } = await app.downloadZip();
    const zip = await ZipArchive.open(zipPath);
    const manifest = (await zip.manifest()) as unknown as {
      files: Array<{ kind: string; name: string; format?: string }>;
      notes?: string[];
    };
    expect(manifest.files.filter((f) => f.kind === 'trickplay').map((f) => `${f.format} ${f.name}`)).toEqual([
      'dash thumbnails_adaptation_set.mpd',
      'dash manifest.mpd',
    ]);
    expect(manifest.notes ?? []).not.toContainEqual(expect.stringMatching(/^DASH:/));

    // The MPD's byte ranges point at the file's own boxes: ftyp+moov from 0, then the sidx.
    const mpd = await zip.text('manifest.mpd');
    const bytes = fs.readFileSync(video);
    const index = /indexRange="(\d+)-(\d+)"/.exec(mpd);
    const init = /<Initialization range="0-(\d+)"\/>/.exec(mpd);
    expect(index && init, mpd).toBeTruthy();
    const [indexStart, indexEnd, initEnd] = [Number(index![1]), Number(index![2]), Number(init![1])];
    expect(bytes.toString('latin1', indexStart + 4, indexStart + 8), 'indexRange starts at the sidx box').toBe('sidx');
    expect(bytes.readUInt32BE(indexStart), 'indexRange is the whole sidx box').toBe(indexEnd - indexStart + 1);
    expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
    expect(indexStart, 'the init segment ends where ffmpeg put the sidx, right after moov').toBe(initEnd + 1);
    expect(mpd).toContain(`<BaseURL>${name}</BaseURL>`);
    expect(mpd).toContain(`codecs="${ffmpegCodecs}"`);
    expect(mpd).toContain(`width="${ref.displayWidth}" height="${ref.displayHeight}" frameRate="30000/1001"`);
    expect(mpd).toContain(await zip.text('thumbnails_adaptation_set.mpd').then((t) => t.split('\n')[0]));

    // shaka-player plays the video by those ranges and finds our thumbnails.
    const served = path.join(dir, 'served');
    fs.mkdirSync(served);
    fs.copyFileSync(video, path.join(served, name));
    for (const entry of zip.names.filter((n) => !n.includes('/'))) fs.writeFileSync(path.join(served, entry), await zip.bytes(entry));
    const server = await serveShaka(served);
    const context = await browser.newContext();
    const atSec = [0.5, 1.2, 2, 3.9, 4.5];
    try {
      const view = await context.newPage();
      await view.goto(server.url);
      const answer = await shakaPlayback(view, '/files/manifest.mpd', atSec, { playSec: 1 });
      expect(answer.variants).toEqual([
        { videoCodec: ffmpegCodecs, width: ref.displayWidth, height: ref.displayHeight, frameRate: 30000 / 1001 },
      ]);
      expect(answer.playedSec, 'the video played a second').toBeGreaterThanOrEqual(1);
      expect(answer.bufferedSec, 'the video was buffered past what played').toBeGreaterThan(1);
      expect(answer.imageTracks, 'one image track').toBe(1);
      const items: FrameItem[] = [];
      for (const [j, t] of atSec.entries()) {
        const thumb = answer.thumbnails[j];
        const k = Math.floor((t * 1000) / INTERVAL_MS);
        const where = place(k);
        const label = `manifest.mpd at ${t} s`;
        expect(thumb, label).not.toBeNull();
        expect(where.sheet).toBeLessThan(sheetCount);
        expect(path.basename(new URL(thumb!.uris[0]!).pathname), `${label}: sheet`).toBe(sheetName(where.sheet));
        expect([thumb!.positionX, thumb!.positionY, thumb!.width, thumb!.height], `${label}: cell`).toEqual([
          where.x,
          where.y,
          CELL.width,
          CELL.height,
        ]);
        expect(thumb!.startTime, `${label}: start`).toBeCloseTo((k * INTERVAL_MS) / 1000, 6);
        const sheet = decodeJpeg(await zip.bytes(sheetName(where.sheet)));
        items.push({
          label,
          image: crop(sheet, thumb!.positionX, thumb!.positionY, thumb!.width, thumb!.height),
          k: frameIndexAt(ref.frames, thumb!.startTime * 1000),
        });
      }
      const cells = await compareWithFrames(ref, items, { testInfo, name: 'shaka-mpd-cells' });
      expect(cells.problems, cells.problems.join('\n')).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }

    // The command line writes the same files, byte for byte.
    const specFile = writeSpriteSpec(dir);
    const run = await runCli(['--spec', specFile, '--trickplay', 'dash', '-o', path.join(dir, 'cli'), video]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const folder = path.join(dir, 'cli', 'flower_dash');
    expect(fs.readdirSync(folder).sort()).toEqual([...zip.names].sort());
    for (const entry of zip.names.filter((n) => n !== 'manifest.json')) {
      expect(fs.readFileSync(path.join(folder, entry)).equals(await zip.bytes(entry)), `${entry}: the same bytes`).toBe(true);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
