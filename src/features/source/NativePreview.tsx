import { useEffect, useRef } from 'react';
import { useStore } from '../../store';
import { useObjectUrl } from '../../lib/useObjectUrl';

/** How long the browser gets to show it can play a file before the engine takes over the preview. */
const NATIVE_TIMEOUT_MS = 6000;

/**
 * The browser's own player. Reports the paused/seeked time to the store; calls `onUnplayable` when the browser
 * cannot decode the file (HEVC, MPEG-2, Indeo… in Chromium), so that ffmpeg.wasm renders the preview instead.
 */
export function NativePreview({ file, onUnplayable }: { file: File; onUnplayable: () => void }) {
  const url = useObjectUrl(file);
  const video = useRef<HTMLVideoElement>(null);
  const setPreviewTime = useStore((s) => s.setPreviewTime);

  useEffect(() => {
    const timer = setTimeout(() => {
      const v = video.current;
      if (!v || v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || v.videoWidth === 0) onUnplayable();
    }, NATIVE_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [url, onUnplayable]);

  if (!url) return null;
  return (
    <video
      ref={video}
      className="preview__media"
      src={url}
      controls
      muted
      playsInline
      preload="auto"
      aria-label="Preview"
      onError={onUnplayable}
      onLoadedMetadata={(e) => {
        if (e.currentTarget.videoWidth === 0) onUnplayable();
      }}
      onTimeUpdate={(e) => setPreviewTime(e.currentTarget.currentTime * 1000)}
      onSeeked={(e) => setPreviewTime(e.currentTarget.currentTime * 1000)}
    />
  );
}

/** Pauses the page's preview player (if any), so "Add current time" adds the frame the user sees. */
export function pauseNativePreview(): void {
  document.querySelectorAll<HTMLVideoElement>('video.preview__media').forEach((v) => v.pause());
}
