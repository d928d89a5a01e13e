/**
 * Videos at URLs (docs/URLS.md): 30 exact snapshots of a long 1080p file read over loopback HTTP (range requests, a
 * server in this process on 127.0.0.1) against the same job on the file from disk (time, and bytes read: the
 * manifest's `bytesRead` and the bytes the server sent), then native `ffmpeg -ss t -i URL -frames:v 1` per time, one
 * process at a time and then as many at once as there are cores (ffmpeg's HTTP reader also reads by range, open-ended
 * `bytes=a-`, and closes the connection when it has what it needs; the server counts what it wrote to the socket,
 * so a little more than ffmpeg read).
 * Needs `npm run build` (dist/ and dist-node/). Usage: node scripts/bench/urls.mjs [FILE] (default
 * e2e/.cache/long1080p.mp4, made by e2e/urlsLong.spec.ts). Prints one JSON line per figure; say the load (uptime).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { snapshot } from '../../dist-node/node.js';

const file = path.resolve(process.argv[2] ?? 'e2e/.cache/long1080p.mp4');
const size = fs.statSync(file).size;
let sent = 0;
let requests = 0;
const server = http.createServer((req, res) => {
  requests += 1;
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const a = m ? Number(m[1]) : 0;
  const b = m && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  res.statusCode = m ? 206 : 200;
  if (m) res.setHeader('Content-Range', `bytes ${a}-${b}/${size}`);
  res.setHeader('Content-Length', String(b - a + 1));
  const stream = fs.createReadStream(file, { start: a, end: b });
  stream.on('data', (chunk) => (sent += chunk.length));
  stream.pipe(res);
  res.on('close', () => stream.destroy());
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/${path.basename(file)}`;
const duration = Number(
  execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }),
);
const times = Array.from({ length: 30 }, (_, i) => Math.round(((i + 0.5) * duration * 1000) / 30));
const spec = { offsetsText: times.join(', '), width: '320' };
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-urls-'));
const print = (o) => console.log(JSON.stringify({ load: os.loadavg()[0].toFixed(2), ...o }));

for (const [label, video] of [
  ['disk', file],
  ['url', url],
]) {
  sent = 0;
  requests = 0;
  const t0 = performance.now();
  const result = await snapshot(video, spec, { outDir: path.join(out, label) });
  print({
    run: `snapframe ${label}`,
    ms: Math.round(performance.now() - t0),
    images: result.files.length - 1,
    bytesRead: result.manifest.bytesRead ?? null,
    serverSent: label === 'url' ? sent : null,
    requests: label === 'url' ? requests : null,
    fileBytes: size,
  });
}
/** `ffmpeg -ss t -i URL -frames:v 1` for one time (spawned: the server answering it runs in this process). */
const native = (ms) =>
  new Promise((resolve, reject) => {
    const args = ['-v', 'error', '-y', '-ss', String(ms / 1000), '-i', url, '-frames:v', '1', '-vf', 'scale=320:-2'];
    const child = spawn('ffmpeg', [...args, path.join(out, `native_${ms}.jpg`)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg at ${ms} ms: exit ${code} ${stderr}`))));
  });

// Native ffmpeg, one process at a time, then as many at once as there are cores (a pool over the same 30 times).
for (const parallel of [1, os.cpus().length]) {
  sent = 0;
  requests = 0;
  const queue = [...times];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let ms = queue.shift(); ms !== undefined; ms = queue.shift()) await native(ms);
    }),
  );
  print({
    run: `native ffmpeg -ss t -i URL, ${parallel} at once`,
    ms: Math.round(performance.now() - t0),
    images: times.length,
    serverSent: sent,
    requests,
    fileBytes: size,
  });
}
server.close();
fs.rmSync(out, { recursive: true, force: true });
