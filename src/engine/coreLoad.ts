/**
 * Download progress of the ffmpeg.wasm core (~31 MB wasm), sent by an engine worker to the page the first time it
 * loads the core. A message of its own beside Comlink's (Comlink ignores messages that are not its replies).
 */

/** One report. Sizes in bytes. */
export interface CoreLoadProgress {
  /** `downloading` while bytes arrive; `ready` once the whole core is there. */
  state: 'downloading' | 'ready';
  loaded: number;
  /** From the response's Content-Length; null when the server sent none. */
  total: number | null;
  /** True when the core came from the browser's Cache Storage (the service worker's precache): no download. */
  fromCache: boolean;
}

/** The message an engine worker posts: `{ snapframeCoreLoad: CoreLoadProgress }`. */
export interface CoreLoadMessage {
  snapframeCoreLoad: CoreLoadProgress;
}

/** True when a worker message is a core download report. */
export function isCoreLoadMessage(data: unknown): data is CoreLoadMessage {
  if (typeof data !== 'object' || data === null || !('snapframeCoreLoad' in data)) return false;
  const p = (data as CoreLoadMessage).snapframeCoreLoad;
  return typeof p === 'object' && p !== null && (p.state === 'downloading' || p.state === 'ready') && typeof p.loaded === 'number';
}
