/**
 * The header against the packets for the containers FFmpeg's probe reads (AVI, MXF, MPEG-TS): clips made now with
 * the machine's ffmpeg (4 s, 25 fps, 320x240), cut or damaged here, dropped into the page. The details must give the
 * packets' duration and say what the header claimed; a job on the cut MXF makes the time before the cut and skips
 * the one past it with the reason; a stray damaged timestamp at the end of an MPEG-TS changes nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures';
import { repoRoot } from './support/media';

test.describe.configure({ mode: 'serial' });

const cacheDir = path.join(repoRoot, 'e2e', '.cache', 'header-check');
const SOURCE = ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=4'];
const X264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '25'];

/** A clip made once into e2e/.cache/header-check (temp name, then renamed), then changed by `damage`. */
function made(name: string, args: string[], damage: (bytes: Buffer) => Buffer): string {
  const file = path.join(cacheDir, name);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(cacheDir, { recursive: true });
  const whole = path.join(cacheDir, `whole-${process.pid}-${name}`);
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...SOURCE, ...args, whole]);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, damage(fs.readFileSync(whole)));
  fs.rmSync(whole);
  fs.renameSync(temp, file);
  return file;
}

/** The first 45 % of the file: a download that stopped. */
const cut45 = (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.45));

/** A 90 kHz timestamp in the 5 bytes of a PES header (ISO/IEC 13818-1 2.4.3.7), its 4-bit prefix kept. */
function writePts(b: Buffer, at: number, ticks: number): void {
  const prefix = (b[at] as number) & 0xf0;
  b[at] = prefix | ((Math.floor(ticks / 2 ** 30) & 7) << 1) | 1;
  b[at + 1] = Math.floor(ticks / 2 ** 22) & 0xff;
  b[at + 2] = ((Math.floor(ticks / 2 ** 15) & 0x7f) << 1) | 1;
  b[at + 3] = Math.floor(ticks / 2 ** 7) & 0xff;
  b[at + 4] = ((ticks & 0x7f) << 1) | 1;
}

/** The last video PES's PTS and DTS moved 39 hours on (a damaged timestamp at the end of a recording). */
function lastPtsFarOn(input: Buffer): Buffer {
  const b = Buffer.from(input);
  let last = -1;
  for (let at = 0; at + 188 <= b.length; at += 188) {
    if (b[at] !== 0x47 || !((b[at + 1] as number) & 0x40)) continue;
    const control = ((b[at + 3] as number) >> 4) & 3;
    if (!(control & 1)) continue;
    const p = at + 4 + (control & 2 ? 1 + (b[at + 4] as number) : 0);
    if (b[p] === 0 && b[p + 1] === 0 && b[p + 2] === 1 && (b[p + 3] as number) >= 0xe0 && (b[p + 3] as number) <= 0xef) last = p;
  }
  if (last < 0) throw new Error('no video PES in the MPEG-TS clip');
  const far = 39 * 3600 * 90_000;
  writePts(b, last + 9, far);
  if ((b[last + 7] as number) & 0x40) writePts(b, last + 14, far - 3600);
  return b;
}

test('a cut AVI and a cut MXF get the duration of their data, and the details say what the header claimed', async ({ app }) => {
  test.setTimeout(180_000);
  await app.open();
  const avi = made('cut.avi', X264, cut45);
  await app.chooseFile(avi);
  const aviDetails = await app.waitForProbe('cut.avi');
  expect(aviDetails['Header']).toMatch(
    /^The file ends at 4\d % of what its header announces: the header says 0:04\.000; its video data ends at 0:01\.\d{3}, and times from there on cannot be decoded\.$/,
  );
  expect(aviDetails['Duration']).toMatch(/^0:01\.\d{3}$/);

  const mxf = made('cut.mxf', ['-c:v', 'mpeg2video', '-b:v', '4M', '-g', '12'], cut45);
  await app.chooseFile(mxf);
  const mxfDetails = await app.waitForProbe('cut.mxf');
  expect(mxfDetails['Header']).toMatch(
    /^The file ends at 4\d % of what its header announces: the header says 0:04\.000; its video data ends at 0:01\.\d{3}/,
  );
  expect(mxfDetails['Duration']).toMatch(/^0:01\.\d{3}$/);
  expect(mxfDetails['Frame rate']).toBe('25 fps');

  // A time before the cut is made; one past it is skipped with the reason, at once.
  await app.setOffsets('0.1s, 3s');
  await app.setSize(160);
  const job = await app.createSnapshots();
  await job.waitForStatus('Finished', 90_000);
  expect(await app.snapshotItems.count()).toBe(1);
  expect((await job.alertTexts()).join('\n')).toMatch(/0:03\.000.*the file ends at 4\d % of what its header announces/s);
});

test('a damaged last timestamp of an MPEG-TS is not believed: the duration stays what the packets say, with no finding', async ({
  app,
}) => {
  test.setTimeout(120_000);
  await app.open();
  const ts = made('far-pts.ts', X264, lastPtsFarOn);
  await app.chooseFile(ts);
  const details = await app.waitForProbe('far-pts.ts');
  // The stray time is dropped by the check (core/damage/tsTimes.ts) as by FFmpeg's own estimate.
  expect(details['Duration']).toBe('0:04.000');
  expect(details['Header']).toBeUndefined();
});
