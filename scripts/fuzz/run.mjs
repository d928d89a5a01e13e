/**
 * The fuzz suite: `npm run fuzz -- --seed S --count N [--from K] [--jobs J] [--bound S] [--out DIR] [--media small|all]
 * [--minutes M]`. `--from K` runs only mutants K..N-1 of the same seeded series (to finish a run that was stopped).
 * Makes N seeded mutants (mutate.mjs) of the test media (test-media/) and of clips made now (clips.mjs), puts them in
 * one folder with a good file sorted last, and runs the `snapframe` command on the folder (two times each, 0.1 s and
 * 50 %, --json, J videos in flight). Every mutant must end within the bound (seconds, from its start to its
 * `finished` or `failed` event) in snapshots or in a sentence naming the file, and the good file must then give its
 * two snapshots. Writes DIR/report.json and DIR/report.md (counts, by mutation, the slowest, the load average) and
 * exits 1 when a check fails. Needs the build (`npm run build`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeClips } from './clips.mjs';
import { mutants } from './mutate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '100' },
    jobs: { type: 'string', default: '2' },
    bound: { type: 'string', default: '120' },
    out: { type: 'string' },
    media: { type: 'string', default: 'all' },
    minutes: { type: 'string' },
    from: { type: 'string', default: '0' },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const from = Number(values.from);
const jobs = Number(values.jobs);
const boundMs = Number(values.bound) * 1000;
const out = path.resolve(values.out ?? path.join(os.tmpdir(), `snapframe-fuzz-${seed}-${count}`));
const GOOD = 'zzzz-good.mp4';

/** Test media small enough to mutate by the hundred (`small`: under 1.2 MB), plus the clips made now. */
function sources() {
  const dir = path.join(root, 'test-media');
  const media = fs
    .readdirSync(dir)
    .filter((name) => /\.(mp4|mov|webm|mkv|ts|avi)$/.test(name))
    .map((name) => path.join(dir, name))
    .filter((file) => values.media === 'all' || fs.statSync(file).size < 1.2e6);
  const clips = makeClips(path.join(out, 'clips'));
  return [...clips, ...media].map((file) => ({ name: path.basename(file), bytes: fs.readFileSync(file) }));
}

function runCommand(input, output, deadlineMs) {
  return new Promise((resolve) => {
    const args = [path.join(root, 'bin/snapframe.mjs'), '--offsets', '0.1s,50%', '--json', '--jobs', String(jobs), '-o', output, input];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const events = [];
    let buffer = '';
    const started = new Map();
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.trim()) continue;
        const event = { ...JSON.parse(line), at: Date.now() };
        events.push(event);
        if (event.event === 'progress' && !started.has(event.video)) started.set(event.video, event.at);
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let stoppedAt = null;
    const timer = setTimeout(() => {
      stoppedAt = Date.now();
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, deadlineMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, events, stderr, started, stoppedAt });
    });
  });
}

const loadBefore = os.loadavg();
fs.rmSync(path.join(out, 'in'), { recursive: true, force: true });
fs.rmSync(path.join(out, 'out'), { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'in'), { recursive: true });
const made = mutants(sources(), seed, count).slice(from);
for (const m of made) fs.writeFileSync(path.join(out, 'in', m.name), m.bytes);
fs.copyFileSync(path.join(root, 'test-media', 'friday.mp4'), path.join(out, 'in', GOOD));

const t0 = Date.now();
// The whole batch may take every mutant's bound, shared over the lanes, and a minute to start.
const wholeMs = 60_000 + ((made.length + 1) * boundMs) / jobs;
const { code, events, stderr, started, stoppedAt } = await runCommand(
  path.join(out, 'in'),
  path.join(out, 'out'),
  values.minutes ? Math.min(wholeMs, Number(values.minutes) * 60_000) : wholeMs,
);
const wallMs = Date.now() - t0;
const loadAfter = os.loadavg();

const byVideo = new Map(events.filter((e) => e.event === 'finished' || e.event === 'failed').map((e) => [path.basename(e.video), e]));
const rows = made.map((m) => {
  const e = byVideo.get(m.name);
  if (!e) {
    const startedAt = [...started].find(([video]) => path.basename(video) === m.name)?.[1];
    const base = { name: m.name, source: m.source, kind: m.kind, what: m.what, ms: null };
    // A batch stopped by --minutes: what had not started, or had run for less than the bound, is not a failure.
    if (stoppedAt !== null && startedAt === undefined) return { ...base, outcome: 'not started' };
    if (stoppedAt !== null && stoppedAt - startedAt < boundMs) return { ...base, outcome: 'stopped' };
    return { ...base, outcome: 'no end', problem: 'never ended' };
  }
  const row = { name: m.name, source: m.source, kind: m.kind, what: m.what, ms: e.ms };
  if (e.event === 'finished')
    Object.assign(row, { outcome: 'snapshots', images: e.files.filter((f) => /\.jpg$/.test(f)).length, skipped: e.skipped });
  else Object.assign(row, { outcome: 'sentence', code: e.code, message: e.message });
  const problems = [];
  if (e.ms > boundMs) problems.push(`took ${e.ms} ms, over the bound of ${boundMs} ms`);
  if (e.event === 'failed' && !e.message.includes(m.name)) problems.push('the sentence does not name the file');
  if (e.event === 'failed' && e.message.length < m.name.length + 20) problems.push('the sentence says nothing');
  if (e.event === 'failed' && /Chromium stopped/.test(e.message)) problems.push('Chromium died');
  if (problems.length) row.problem = problems.join('; ');
  return row;
});
const good = byVideo.get(GOOD);
const goodOk = good?.event === 'finished' && good.files.filter((f) => /\.jpg$/.test(f)).length === 2;
const ended = rows.filter((r) => r.ms !== null).sort((a, b) => b.ms - a.ms);
const summary = {
  seed,
  count,
  from,
  jobs,
  boundMs,
  wallMs,
  exitCode: code,
  snapshots: rows.filter((r) => r.outcome === 'snapshots').length,
  withSkipped: rows.filter((r) => r.outcome === 'snapshots' && r.skipped > 0).length,
  sentences: rows.filter((r) => r.outcome === 'sentence').length,
  noEnd: rows.filter((r) => r.outcome === 'no end').length,
  notStarted: rows.filter((r) => r.outcome === 'not started').length,
  stopped: rows.filter((r) => r.outcome === 'stopped').length,
  stoppedAfterMs: stoppedAt === null ? null : stoppedAt - t0,
  problems: rows.filter((r) => r.problem).length,
  goodFileAfter: goodOk,
  slowest: ended.slice(0, 10).map((r) => ({ name: r.name, ms: r.ms, outcome: r.outcome, what: r.what })),
  medianMs: ended.length ? ended[Math.floor(ended.length / 2)].ms : null,
  codes: Object.fromEntries([...new Set(rows.map((r) => r.code).filter(Boolean))].map((c) => [c, rows.filter((r) => r.code === c).length])),
  byKind: Object.fromEntries(
    [...new Set(rows.map((r) => r.kind))].map((k) => {
      const of = rows.filter((r) => r.kind === k);
      return [
        k,
        {
          mutants: of.length,
          snapshots: of.filter((r) => r.outcome === 'snapshots').length,
          sentences: of.filter((r) => r.outcome === 'sentence').length,
        },
      ];
    }),
  ),
  loadBefore,
  loadAfter,
  cpus: os.cpus().length,
  date: new Date().toISOString(),
};
fs.writeFileSync(
  path.join(out, 'report.json'),
  `${JSON.stringify({ summary, rows, stderrTail: stderr.split('\n').slice(-20) }, null, 1)}\n`,
);
const md = [
  `# Fuzz report: seed ${seed}, ${from > 0 ? `mutants ${from}-${count - 1} of ${count}` : `${count} mutants`}, --jobs ${jobs}`,
  '',
  `${summary.snapshots} ended in snapshots (${summary.withSkipped} of them with skipped times), ${summary.sentences} in a sentence, ${summary.noEnd} never ended; ${summary.problems} with a problem. Good file after: ${goodOk ? 'two snapshots' : stoppedAt !== null ? 'not reached (the batch was stopped)' : 'FAILED'}.`,
  ...(stoppedAt !== null
    ? [
        `Stopped by --minutes after ${((stoppedAt - t0) / 1000).toFixed(0)} s: ${summary.notStarted} not started, ${summary.stopped} in flight for less than the bound (neither counted as failures).`,
      ]
    : []),
  `Wall ${(wallMs / 1000).toFixed(0)} s; median ${summary.medianMs} ms; slowest ${ended[0]?.ms ?? '-'} ms (${ended[0]?.name ?? '-'}). Load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (${summary.cpus} cores).`,
  '',
  '| mutation | mutants | snapshots | sentence |',
  '|---|---|---|---|',
  ...Object.entries(summary.byKind).map(([k, v]) => `| ${k} | ${v.mutants} | ${v.snapshots} | ${v.sentences} |`),
  '',
  '## Slowest',
  ...summary.slowest.map((r) => `- ${r.name}: ${r.ms} ms, ${r.outcome} (${r.what})`),
  '',
  '## Problems',
  ...(rows.some((r) => r.problem) ? rows.filter((r) => r.problem).map((r) => `- ${r.name}: ${r.problem} (${r.what})`) : ['none']),
  '',
].join('\n');
fs.writeFileSync(path.join(out, 'report.md'), md);
process.stdout.write(`${md}\nReport: ${path.join(out, 'report.json')}\n`);
process.exitCode = summary.problems === 0 && summary.noEnd === 0 && (goodOk || stoppedAt !== null) ? 0 : 1;
