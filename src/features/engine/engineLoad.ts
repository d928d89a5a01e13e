import type { CoreLoadProgress } from '../../engine/api';

/** What the engine-load indicator shows. */
export type EngineLoadView =
  { kind: 'hidden' } | { kind: 'downloading'; loadedMB: number; totalMB: number | null; text: string } | { kind: 'ready'; text: string };

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

/**
 * The indicator for a core download report: progress while it downloads ("Loading the video engine: 12.4 of 31.0
 * MB", decimal MB), a short "ready" once a download finished, nothing when the core came from the cache.
 * @param progress the latest report (bytes), or null before any
 */
export function engineLoadView(progress: CoreLoadProgress | null): EngineLoadView {
  if (!progress || progress.fromCache) return { kind: 'hidden' };
  if (progress.state === 'ready') return { kind: 'ready', text: 'Video engine ready.' };
  const loadedMB = mb(progress.loaded);
  const totalMB = progress.total ? mb(progress.total) : null;
  const of = totalMB === null ? `${loadedMB.toFixed(1)} MB` : `${loadedMB.toFixed(1)} of ${totalMB.toFixed(1)} MB`;
  return { kind: 'downloading', loadedMB, totalMB, text: `Loading the video engine: ${of}` };
}
