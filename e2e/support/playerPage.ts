/**
 * A real player reading Snapframe's seek previews: a tiny static server that serves, from one origin of its
 * own, a page with media-chrome (installed from npm: `<media-controller>`, `<media-time-range>` and its
 * `<media-preview-thumbnail>`, which reads a `<track kind="metadata" label="thumbnails">` WebVTT of `#xywh` cues),
 * the video and the files of a job (sheets, thumbnails.vtt). Nothing is fetched from anywhere else.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repoRoot } from './media';

const MEDIA_CHROME_DIST = path.join(repoRoot, 'node_modules', 'media-chrome', 'dist');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.vtt': 'text/vtt',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.json': 'application/json',
};

/**
 * The player page. The preview thumbnail is pinned to the cell size (min = max), so media-chrome draws the cell 1:1
 * and a screenshot of it can be compared pixel for pixel with the cell cut from the sheet; transitions are off.
 */
function playerHtml(videoName: string, cell: { width: number; height: number }): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Seek previews</title>
<style>
  body { margin: 0; padding: 200px 20px 20px; background: #222; }
  media-controller { width: 800px; height: 450px; display: block; }
  media-time-range {
    width: 760px;
    --media-preview-thumbnail-max-width: ${cell.width}px; --media-preview-thumbnail-min-width: ${cell.width}px;
    --media-preview-thumbnail-max-height: ${cell.height}px; --media-preview-thumbnail-min-height: ${cell.height}px;
    --media-preview-transition-delay-in: 0s; --media-preview-transition-duration-in: 0s;
    --media-preview-thumbnail-border-radius: 0; --media-preview-thumbnail-box-shadow: none;
  }
</style>
<script type="module" src="/media-chrome/index.js"></script>
</head>
<body>
<media-controller>
  <video slot="media" src="/files/${videoName}" muted playsinline preload="auto">
    <track default kind="metadata" label="thumbnails" src="/files/thumbnails.vtt">
  </video>
  <media-control-bar>
    <media-time-range></media-time-range>
  </media-control-bar>
</media-controller>
</body>
</html>`;
}

/**
 * Starts the server on a free port.
 * @param files name -> bytes served under `/files/` (the video, the sheets, thumbnails.vtt)
 * @returns its URL and a function that stops it
 */
export async function servePlayer(
  videoName: string,
  files: ReadonlyMap<string, Uint8Array>,
  cell: { width: number; height: number },
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: Uint8Array | null = null;
    let type = 'application/octet-stream';
    if (url.pathname === '/') {
      body = Buffer.from(playerHtml(videoName, cell));
      type = 'text/html';
    } else if (url.pathname.startsWith('/media-chrome/')) {
      const file = path.join(MEDIA_CHROME_DIST, path.normalize(url.pathname.slice('/media-chrome/'.length)));
      if (file.startsWith(MEDIA_CHROME_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) body = fs.readFileSync(file);
      type = TYPES[path.extname(file)] ?? type;
    } else if (url.pathname.startsWith('/files/')) {
      const name = decodeURIComponent(url.pathname.slice('/files/'.length));
      body = files.get(name) ?? null;
      type = TYPES[path.extname(name)] ?? type;
    }
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    // Range requests for the video (media elements ask for them).
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      res.writeHead(206, {
        'Content-Type': type,
        'Content-Range': `bytes ${start}-${end}/${body.length}`,
        'Content-Length': end - start + 1,
        'Accept-Ranges': 'bytes',
      });
      res.end(Buffer.from(body.subarray(start, end + 1)));
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Accept-Ranges': 'bytes' });
    res.end(Buffer.from(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
