/**
 * 50 files dropped at once: 45 small clips made at test time with native ffmpeg and 5 bad files.
 * Every file gets a row in "Files" with its probe result or an alert naming it; the page keeps answering; "Create
 * snapshots for 45 videos" queues the valid ones. A few jobs finish (their zips are checked), the rest are cancelled
 * to keep the run short.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobHandle } from './support/app';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath } from './support/media';
import { installProbes, QueuePage } from './support/queue';
import { ZipArchive } from './support/zip';

const GOOD = 45;
let clip: Buffer = Buffer.alloc(0);
/** The bad files: name -> bytes. */
const BAD: Record<string, Buffer> = {};

test.beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-many-'));
  try {
    const out = path.join(dir, 'clip.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x90:rate=10',
      '-t',
      '1',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      out,
    ]);
    clip = fs.readFileSync(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const flower = fs.readFileSync(mediaPath(MEDIA.flower));
  BAD['bad-01-text.mp4'] = Buffer.from('Not a video.\n'.repeat(100));
  BAD['bad-02-empty.mp4'] = Buffer.alloc(0);
  BAD['bad-03-headless.mp4'] = flower.subarray(64 * 1024, 256 * 1024);
  BAD['bad-04-html.webm'] = Buffer.from('<!doctype html><title>x</title><p>hello</p>\n'.repeat(50));
  BAD['bad-05-random.mov'] = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));
});

test('50 files dropped at once: a row each with its details or an alert; the valid ones are queued', async ({ app, page }, testInfo) => {
  test.setTimeout(240_000);
  await installProbes(page);
  const q = new QueuePage(app);
  await app.open();
  const files = [
    ...Array.from({ length: GOOD }, (_, i) => ({ name: `clip-${String(i + 1).padStart(2, '0')}.mp4`, data: clip.toString('base64') })),
    ...Object.entries(BAD).map(([name, bytes]) => ({ name, data: bytes.toString('base64') })),
  ];
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const { name, data } of list) dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
    return dt;
  }, files);
  const zone = page.getByRole('region', { name: 'Video input' });
  const from = await q.now();
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });

  await expect(q.fileItems).toHaveCount(50, { timeout: 10_000 });
  await expect(q.fileItems.filter({ hasText: 'Reading…' }), 'every file probed').toHaveCount(0, { timeout: 150_000 });
  const to = await q.now();
  const tasks = (await q.longTasks()).filter((t) => t.start + t.duration >= from && t.start <= to);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  const line = `50 files probed in ${((to - from) / 1000).toFixed(1)} s; ${tasks.length} long tasks, longest ${longest.toFixed(0)} ms`;
  console.log(`timing: ${line}`);
  testInfo.annotations.push({ type: 'timing', description: line });
  expect(longest, 'the page never hangs while 50 files are probed').toBeLessThan(2000);

  for (const name of Object.keys(BAD)) {
    const alert = q.fileItem(name).getByRole('alert');
    await expect(alert, `${name}: its row holds an alert`).toBeVisible();
    expect((await alert.innerText()).trim()).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}\\b.{20,}`));
  }
  for (let i = 1; i <= GOOD; i++) {
    await expect(q.fileItem(`clip-${String(i).padStart(2, '0')}.mp4`)).toContainText('160 × 90');
  }
  await expect(page.getByRole('heading', { name: '50 files · 45 ready' })).toBeVisible();

  // The page still answers: the form takes input while 50 rows are listed.
  await app.setOffsets('0, 0.5s');
  await app.setSize(160);
  const jobs = await q.newJobs(GOOD, () => q.batchButton(GOOD).click());
  expect(jobs).toHaveLength(GOOD);
  const finished: JobHandle[] = [];
  for (const job of jobs) {
    if (finished.length === 3) break;
    await job.waitForStatus('Finished', 60_000);
    finished.push(job);
  }
  for (const job of jobs.slice(3).reverse()) {
    if ((await job.status()) === 'Finished') continue;
    await job.cancelButton.click();
  }
  const ends = await Promise.all(jobs.slice(3).map((job) => job.waitForEnd(10_000)));
  expect(
    ends.filter((s) => s !== 'Cancelled' && s !== 'Finished'),
    'each other job finished or was cancelled',
  ).toEqual([]);
  testInfo.annotations.push({
    type: 'batch',
    description: `${ends.filter((s) => s === 'Finished').length + 3} finished, ${ends.filter((s) => s === 'Cancelled').length} cancelled`,
  });

  // The results shown hold a finished job's two images and a manifest naming its file.
  const { zipPath } = await app.downloadZip();
  const manifest = await (await ZipArchive.open(zipPath)).manifest();
  expect(manifest.source.name).toMatch(/^clip-\d\d\.mp4$/);
  expect(manifest.files.map((f) => f.requestedMs)).toEqual([0, 500]);
});
