/**
 * The fuzz suite's seeded CI set (scripts/fuzz/run.mjs; `npm run fuzz` runs any number): 40 mutants of the small test
 * media and of clips made now with the machine's ffmpeg (bytes overwritten, cut, an MP4 box or Matroska element size
 * changed, a packet removed, TS continuity broken), run through the `snapframe` command in one batch on two lanes:
 * each ends within its bound in snapshots or a sentence naming the file, and the good file sorted last still gives its
 * two snapshots. Then a few of the same mutants are dropped into the page, one after another: each ends in its
 * details or an alert naming it, a job on it ends (Finished or Failed with an alert), and a good file works after.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/fixtures';
import { MEDIA, mediaPath, repoRoot } from './support/media';

const SEED = 20261207;
const COUNT = 40;
/** Each mutant must end within this, s (its watchdogs are sized far below it on these small files). */
const BOUND_S = 90;

let dir = '';
interface Row {
  name: string;
  kind: string;
  what: string;
  outcome: 'snapshots' | 'sentence' | 'no end';
  ms: number | null;
  problem?: string;
}

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-fuzz-'));
});

test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test(`${COUNT} seeded mutants through the command line, then some dropped into the page: each ends in snapshots or a sentence naming it`, async ({
  app,
}, testInfo) => {
  test.setTimeout(600_000);
  let rows: Row[] = [];

  await test.step('the command line: one batch, two lanes, a good file last', () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'scripts/fuzz/run.mjs'),
        ...['--seed', String(SEED), '--count', String(COUNT), '--jobs', '2', '--media', 'small', '--bound', String(BOUND_S)],
        ...['--out', dir],
      ],
      { encoding: 'utf8', env: process.env, timeout: 540_000 },
    );
    const reportPath = path.join(dir, 'report.json');
    expect(fs.existsSync(reportPath), `${run.stdout}\n${run.stderr}`).toBe(true);
    const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as { summary: Record<string, unknown>; rows: Row[] };
    rows = report.rows;
    testInfo.annotations.push({ type: 'fuzz', description: fs.readFileSync(path.join(dir, 'report.md'), 'utf8') });
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => r.kind)).size, 'every mutation is drawn').toBeGreaterThanOrEqual(5);
    const problems = rows.filter((r) => r.problem || r.outcome === 'no end').map((r) => `${r.name}: ${r.problem} (${r.what})`);
    expect(problems, problems.join('\n')).toEqual([]);
    for (const r of rows) expect(r.ms!, r.name).toBeLessThanOrEqual(BOUND_S * 1000);
    expect(report.summary.goodFileAfter, 'the good file after the mutants').toBe(true);
    expect(run.status, run.stdout).toBe(0);
  });

  await test.step('the page: six mutants dropped one after another, then a good file', async () => {
    await app.open();
    // One of each mutation where the seed drew it.
    const picked = [...new Map(rows.map((r) => [r.kind, r])).values()].slice(0, 6);
    for (const row of picked) {
      const file = path.join(dir, 'in', row.name);
      const chosenAt = Date.now();
      await app.chooseFile(file);
      const details = app.details.filter({ hasText: row.name });
      const failure = app.alerts.filter({ hasText: row.name });
      await expect(details.or(failure).first(), `${row.name} (${row.what}) ends in details or an alert`).toBeVisible({
        timeout: BOUND_S * 1000,
      });
      await details
        .first()
        .waitFor({ state: 'visible', timeout: 3_000 })
        .catch(() => undefined);
      if (!(await details.count()) || !(await app.createButton.isEnabled())) {
        const text = (await failure.first().innerText()).trim();
        expect(text.length, text).toBeGreaterThan(row.name.length + 20);
        testInfo.annotations.push({ type: row.name, description: `${Date.now() - chosenAt} ms: ${text}` });
        continue;
      }
      await app.setOffsets('0.1s, 50%');
      await app.setSize(160);
      const job = await app.createSnapshots();
      const status = await job.waitForEnd(BOUND_S * 1000);
      expect(status, row.name).not.toBe('Cancelled');
      const alerts = await job.alertTexts();
      if (status === 'Failed') expect(alerts.join('\n'), `${row.name} failed with an alert naming it`).toContain(row.name);
      testInfo.annotations.push({ type: row.name, description: `${status} in ${Date.now() - chosenAt} ms; ${JSON.stringify(alerts)}` });
    }
    await app.chooseFile(mediaPath(MEDIA.bunnyWebm));
    await app.waitForProbe(MEDIA.bunnyWebm);
    await app.setOffsets('1s, 2s');
    await app.setSize(160);
    const job = await app.createSnapshots();
    await job.waitForStatus('Finished', 90_000);
  });
});
