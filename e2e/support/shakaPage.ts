/**
 * shaka-player (installed from npm) reading Snapframe's HLS and DASH image tracks: a tiny static server on 127.0.0.1
 * that serves, from one origin of its own, a page with shaka's compiled build and a folder of files (the video's
 * segments made by Debian's ffmpeg, the master playlist or MPD, and the job's sheets and trickplay files). Nothing
 * is fetched from anywhere else.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from './media';

const SHAKA = path.join(repoRoot, 'node_modules', 'shaka-player', 'dist', 'shaka-player.compiled.js');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.jpg': 'image/jpeg',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mpd': 'application/dash+xml',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shaka</title><script src="/shaka.js"></script></head>
<body><video muted playsinline width="320" height="180"></video></body></html>`;

/**
 * Serves `dir` under `/files/` (with byte ranges) and the page at `/`.
 * @returns its URL and a function that stops it
 */
export async function serveShaka(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file: string | null = null;
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
      return;
    }
    if (url.pathname === '/shaka.js') file = SHAKA;
    else if (url.pathname.startsWith('/files/')) {
      const candidate = path.join(dir, path.normalize(decodeURIComponent(url.pathname.slice('/files/'.length))));
      if (candidate.startsWith(dir + path.sep) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) file = candidate;
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // Byte ranges (RFC 9110 §14): a single-file DASH video is read by its SegmentBase ranges.
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const first = Number(range[1]);
      const last = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
      if (first > last) {
        res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, {
        'Content-Type': type,
        'Content-Length': last - first + 1,
        'Content-Range': `bytes ${first}-${last}/${body.length}`,
      });
      res.end(body.subarray(first, last + 1));
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Accept-Ranges': 'bytes' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What shaka's `getThumbnails` answers (shaka.extern.Thumbnail), the fields the tests read. */
export interface ShakaThumbnail {
  uris: string[];
  positionX: number;
  positionY: number;
  width: number;
  height: number;
  startTime: number;
  duration: number;
  imageWidth: number;
  imageHeight: number;
}

/**
 * Loads `manifest` (a URL under `/files/`) in shaka on the served page and asks the first image track for the
 * thumbnails at `timesSec`, without playing.
 * @returns the image tracks shaka found and one answer per time (null where shaka has none)
 */
export async function shakaThumbnails(
  page: Page,
  manifest: string,
  timesSec: readonly number[],
): Promise<{ imageTracks: number; thumbnails: Array<ShakaThumbnail | null> }> {
  const { imageTracks, thumbnails } = await shakaPlayback(page, manifest, timesSec, { playSec: 0 });
  return { imageTracks, thumbnails };
}

/** What shaka made of a manifest with a video track: its video variants, how far it played, and the thumbnails. */
export interface ShakaPlayback {
  variants: Array<{ videoCodec: string | null; width: number | null; height: number | null; frameRate: number | null }>;
  imageTracks: number;
  /** The video element's currentTime after playing, s, and the end of its first buffered range, s. */
  playedSec: number;
  bufferedSec: number;
  thumbnails: Array<ShakaThumbnail | null>;
}

/**
 * Loads `manifest` in shaka on the served page, plays the video muted until it has played `playSec` seconds (or
 * `timeoutMs` passed; 0: no playing), then asks the first image track for the thumbnails at `timesSec`.
 */
export async function shakaPlayback(
  page: Page,
  manifest: string,
  timesSec: readonly number[],
  { playSec = 1, timeoutMs = 20_000 } = {},
): Promise<ShakaPlayback> {
  return page.evaluate(
    async ({ manifest, timesSec, playSec, timeoutMs }) => {
      type Player = {
        attach: (v: HTMLMediaElement) => Promise<void>;
        load: (u: string) => Promise<void>;
        getVariantTracks: () => Array<{ videoCodec: string | null; width: number | null; height: number | null; frameRate: number | null }>;
        getImageTracks: () => Array<{ id: number }>;
        getThumbnails: (id: number, t: number) => Promise<ShakaThumbnail | null>;
        destroy: () => Promise<void>;
      };
      const shaka = (window as unknown as { shaka: { polyfill: { installAll: () => void }; Player: new () => Player } }).shaka;
      shaka.polyfill.installAll();
      const player = new shaka.Player();
      const video = document.querySelector('video')!;
      await player.attach(video);
      await player.load(manifest);
      if (playSec > 0) {
        await video.play();
        const until = performance.now() + timeoutMs;
        while (video.currentTime < playSec && performance.now() < until && !video.error) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        video.pause();
      }
      const tracks = player.getImageTracks();
      const thumbnails: Array<ShakaThumbnail | null> = [];
      for (const t of timesSec) {
        const thumb = tracks[0] ? await player.getThumbnails(tracks[0].id, t) : null;
        thumbnails.push(
          thumb && {
            uris: thumb.uris,
            positionX: thumb.positionX,
            positionY: thumb.positionY,
            width: thumb.width,
            height: thumb.height,
            startTime: thumb.startTime,
            duration: thumb.duration,
            imageWidth: thumb.imageWidth,
            imageHeight: thumb.imageHeight,
          },
        );
      }
      const variants = player
        .getVariantTracks()
        .map((v) => ({ videoCodec: v.videoCodec, width: v.width, height: v.height, frameRate: v.frameRate }));
      const result = {
        variants,
        imageTracks: tracks.length,
        playedSec: video.currentTime,
        bufferedSec: video.buffered.length > 0 ? video.buffered.end(0) : 0,
        thumbnails,
      };
      await player.destroy();
      return result;
    },
    { manifest, timesSec, playSec, timeoutMs },
  );
}
