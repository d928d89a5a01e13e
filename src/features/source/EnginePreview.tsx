import { useEffect, useState } from 'react';
import { toSnapframeError } from '../../core/errors';
import { formatTime } from '../../core/time';
import type { SourceInfo } from '../../core/types';
import { renderPreviewFrame } from '../../engine/api';
import { useObjectUrl } from '../../lib/useObjectUrl';
import { useStore } from '../../store';

const SETTLE_MS = 200;

/** Preview for files the browser cannot play: a frame rendered by ffmpeg.wasm at the time on the slider. */
export function EnginePreview({ file, info }: { file: File; info: SourceInfo }) {
  const timeMs = useStore((s) => s.previewTimeMs);
  const setPreviewTime = useStore((s) => s.setPreviewTime);
  const [frame, setFrame] = useState<{ blob: Blob; actualMs: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = useObjectUrl(frame?.blob ?? null);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      setBusy(true);
      renderPreviewFrame(file, info, timeMs)
        .then((result) => {
          if (!stale) {
            setFrame(result);
            setError(null);
          }
        })
        .catch((raw: unknown) => {
          const e = toSnapframeError(raw);
          if (!stale && e.code !== 'Cancelled') setError(e.message);
        })
        .finally(() => !stale && setBusy(false));
    }, SETTLE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [file, info, timeMs]);

  return (
    <div className="engine-preview">
      <div className="preview__frame" style={{ aspectRatio: `${info.width} / ${info.height}` }}>
        {url && <img className="preview__media" src={url} alt={`Frame at ${formatTime(frame?.actualMs ?? 0)}`} />}
        {busy && <span className="preview__busy">Rendering frame…</span>}
      </div>
      <div className="field field--inline">
        <label htmlFor="preview-time">Preview time</label>
        <input
          id="preview-time"
          type="range"
          min={0}
          max={info.durationMs}
          step={1}
          value={timeMs}
          onChange={(e) => setPreviewTime(Number(e.target.value))}
        />
        <output htmlFor="preview-time">{formatTime(timeMs)}</output>
      </div>
      <p className="hint">This browser cannot play {info.codec} video itself; the preview is rendered by ffmpeg.wasm.</p>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
