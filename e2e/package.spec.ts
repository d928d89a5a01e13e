/**
 * The npm package works outside a checkout: `npm pack` (of the build `npm run test:e2e` just made; prepack would
 * build again), installed into an empty project in a temp folder, then used three ways as a stranger would:
 * - the command: `npx snapframe --offsets 50% -o out <video>`;
 * - the Node API: `import { snapshot } from 'snapframe/node'`;
 * - the browser entry: `import { createSnapshotJob } from 'snapframe'` bundled by Vite into a page of that project
 *   (docs/PACKAGE.md's example), its workers and the ffmpeg.wasm core served from the package's files.
 * Every image is checked against native ffmpeg's frame at its time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { compareWithFrames } from './support/frameMatch';
import { decodeJpeg, type RgbImage } from './support/images';
import { MEDIA, mediaPath, repoRoot } from './support/media';
import { frameIndexAt, probeVideo } from './support/reference';

test.describe.configure({ mode: 'serial', timeout: 600_000 });

let project: string;

/** Runs a command to the end; fails the test with its output when it exits non-zero. */
function run(command: string, args: readonly string[], cwd: string): string {
  const res = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  if (res.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${res.status}:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

test.beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'snapframe-package-'));
  // --ignore-scripts: pack the build this test run already made instead of building it a second time.
  const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], repoRoot)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const { filename, files } = packed[0]!;
  const shipped = files.map((f) => f.path);
  for (const needed of ['bin/snapframe.mjs', 'dist-node/main.js', 'dist-node/node.js', 'dist/src/headless/index.html', 'src/index.ts']) {
    expect(shipped, `the tarball holds ${needed}`).toContain(needed);
  }
  expect(shipped.filter((f) => f.endsWith('.test.ts') || f.startsWith('e2e/') || f.startsWith('test-media/'))).toEqual([]);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'stranger', private: true, type: 'module' }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(project, filename)], project);
});
test.afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/** Judges one image against native ffmpeg's frame at `requestedMs` of `video`. */
async function expectFrame(video: string, image: RgbImage, requestedMs: number, label: string): Promise<void> {
  const ref = await probeVideo(video);
  const { problems } = await compareWithFrames(ref, [{ label, image, k: frameIndexAt(ref.frames, requestedMs) }]);
  expect(problems).toEqual([]);
}

test('npx snapframe in a project that installed the tarball: the frame at 50 %', () => {
  const video = mediaPath(MEDIA.flower);
  run('npx', ['--no-install', 'snapframe', '--offsets', '50%', '--width', '320', '-o', 'out', video], project);
  const folder = path.join(project, 'out', 'flower');
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as {
    files: Array<{ name: string; requestedMs: number }>;
  };
  expect(manifest.files).toHaveLength(1);
  const [file] = manifest.files;
  return expectFrame(video, decodeJpeg(fs.readFileSync(path.join(folder, file!.name))), file!.requestedMs, 'npx snapframe');
});

test("import { snapshot } from 'snapframe/node' in that project", async () => {
  const video = mediaPath(MEDIA.friday);
  const script = path.join(project, 'snap.mjs');
  fs.writeFileSync(
    script,
    [
      "import { snapshot } from 'snapframe/node';",
      `const result = await snapshot(${JSON.stringify(video)}, { mode: 'offsets', offsetsText: '1.5s', width: '320' }, { outDir: 'node-out' });`,
      'console.log(JSON.stringify({ path: result.path, files: result.files, decoder: result.decoder }));',
    ].join('\n'),
  );
  const result = JSON.parse(run(process.execPath, [script], project).trim().split('\n').at(-1)!) as { path: string; files: string[] };
  const image = result.files.find((f) => f.endsWith('.jpg'))!;
  await expectFrame(video, decodeJpeg(fs.readFileSync(path.join(result.path, image))), 1500, 'snapframe/node');
});

/** Serves `root` on 127.0.0.1 with the MIME types a Vite build needs. */
async function serve(root: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.wasm': 'application/wasm',
    '.woff2': 'font/woff2',
  };
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

test("import { createSnapshotJob } from 'snapframe' in a Vite app: WebCodecs and ffmpeg.wasm files served from the package", async ({
  page,
}) => {
  const app = path.join(project, 'web');
  fs.mkdirSync(app);
  fs.writeFileSync(
    path.join(app, 'index.html'),
    '<!doctype html><input type="file" id="video"><script type="module" src="./main.js"></script>',
  );
  fs.writeFileSync(
    path.join(app, 'main.js'),
    `import { DEFAULT_SPEC_INPUT, checkJobSpec, createSnapshotJob, probeSource } from 'snapframe';
window.snap = async (offsetsText) => {
  const file = document.getElementById('video').files[0];
  const source = await probeSource(file);
  const { spec, problems } = checkJobSpec({ ...DEFAULT_SPEC_INPUT, mode: 'offsets', offsetsText, width: '320' }, source);
  if (!spec) throw new Error(problems.map((p) => p.message).join(' '));
  const result = await createSnapshotJob(file, source, spec, {});
  const bytes = new Uint8Array(await result.outputs[0].blob.arrayBuffer());
  return { decoder: result.manifest.decoder, bytes: Array.from(bytes) };
};
`,
  );
  // docs/PACKAGE.md's Vite settings; plain object so that the project need not install Vite to read its config.
  fs.writeFileSync(
    path.join(app, 'vite.config.js'),
    "export default { optimizeDeps: { exclude: ['snapframe', '@ffmpeg/ffmpeg', '@ffmpeg/util'] }, worker: { format: 'es' } };\n",
  );
  // The project's own Vite would come from npm; this run uses the checkout's copy of the same package.
  run(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app);
  const { server, url } = await serve(path.join(app, 'dist'));
  try {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    for (const [video, offset, ms, decoder] of [
      [MEDIA.flower, '2.5s', 2500, 'webcodecs'],
      [MEDIA.indeoAvi, '3s', 3000, 'ffmpeg.wasm'],
    ] as const) {
      await page.locator('#video').setInputFiles(mediaPath(video));
      const out = await page.evaluate(
        (text) => (window as unknown as { snap: (t: string) => Promise<{ decoder: string; bytes: number[] }> }).snap(text),
        offset,
      );
      expect(out.decoder, video).toBe(decoder);
      await expectFrame(mediaPath(video), decodeJpeg(new Uint8Array(out.bytes)), ms, `browser entry, ${video}`);
    }
    expect(
      requests.filter((r) => !r.startsWith(url)),
      'every file comes from the app itself',
    ).toEqual([]);
    expect(
      requests.some((r) => r.endsWith('.wasm')),
      'the ffmpeg.wasm core is served by the app',
    ).toBe(true);
  } finally {
    server.close();
  }
});
