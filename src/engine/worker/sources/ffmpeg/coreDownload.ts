/// <reference lib="webworker" />
import type { CoreLoadProgress } from '../../../coreLoad';

/** Least time between two `downloading` reports, ms. */
const REPORT_EVERY_MS = 100;

/**
 * Fetches the ffmpeg.wasm core before `FFmpeg.load()` does, reading the body chunk by chunk to report progress
 * (ffmpeg.wasm reports none). The bytes are not kept: the response lands in the browser's HTTP cache (the server
 * sends an ETag; `Cache-Control: no-cache` means a 304 revalidation) or is already in the service worker's
 * precache, so the load that follows does not download it again. A core found in Cache Storage is reported as
 * `ready` and `fromCache` without any fetch.
 * @param url the core's wasm URL (same origin, `@ffmpeg/core/wasm?url`)
 * @param report called with each report; the last one has state `ready`
 * Never throws: on any failure it stops reporting and lets `FFmpeg.load()` fetch (and report the error) itself.
 */
export async function downloadCore(url: string, report: (progress: CoreLoadProgress) => void): Promise<void> {
  try {
    const cached = typeof caches === 'undefined' ? undefined : await caches.match(url);
    if (cached) {
      const total = Number(cached.headers.get('content-length')) || null;
      report({ state: 'ready', loaded: total ?? 0, total, fromCache: true });
      return;
    }
    const response = await fetch(url);
    if (!response.ok || !response.body) return;
    const total = Number(response.headers.get('content-length')) || null;
    const reader = response.body.getReader();
    let loaded = 0;
    let reportedAt = 0;
    report({ state: 'downloading', loaded, total, fromCache: false });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      const now = performance.now();
      if (now - reportedAt >= REPORT_EVERY_MS) {
        reportedAt = now;
        report({ state: 'downloading', loaded, total, fromCache: false });
      }
    }
    report({ state: 'ready', loaded, total: total ?? loaded, fromCache: false });
  } catch {
    // FFmpeg.load() fetches the core itself and reports what went wrong.
  }
}
