import { useEffect, useState } from 'react';
import { onEngineLoad, type CoreLoadProgress } from '../../engine/api';
import { engineLoadView } from './engineLoad';
import './engine.css';

/** How long "Video engine ready." stays after a download, ms. */
const READY_SHOWN_MS = 3000;

/**
 * The first time the video engine (ffmpeg.wasm, ~31 MB) loads, its download progress: a progressbar with bytes
 * of total (aria-valuenow in MB), then a brief "ready". Nothing when the core comes from the cache (second visit).
 */
export function EngineLoadProgress() {
  const [progress, setProgress] = useState<CoreLoadProgress | null>(null);
  useEffect(() => onEngineLoad((p) => setProgress(p)), []);
  useEffect(() => {
    if (progress?.state !== 'ready') return;
    const timer = setTimeout(() => setProgress(null), READY_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [progress]);

  const view = engineLoadView(progress);
  if (view.kind === 'hidden') return null;
  if (view.kind === 'ready') {
    return (
      <p className="engine-load" role="status">
        {view.text}
      </p>
    );
  }
  const share = view.totalMB ? Math.min(1, view.loadedMB / view.totalMB) : null;
  return (
    <div
      className="engine-load"
      role="progressbar"
      aria-label="Loading the video engine"
      aria-valuemin={0}
      aria-valuenow={view.loadedMB}
      {...(view.totalMB ? { 'aria-valuemax': view.totalMB } : {})}
      aria-valuetext={view.text}
    >
      <span className="engine-load__text">{view.text}</span>
      {share !== null && (
        <span className="engine-load__track">
          <span className="engine-load__bar" style={{ width: `${(share * 100).toFixed(1)}%` }} />
        </span>
      )}
    </div>
  );
}
