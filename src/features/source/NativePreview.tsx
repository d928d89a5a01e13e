import { useCallback, useEffect, useRef } from 'react';
import { useStore } from '../../store';
import { useObjectUrl } from '../../lib/useObjectUrl';
import { attachPreviewVideo, pausePreview } from '../timeline/playback';

/** How long the browser gets to show it can play a file before the engine takes over the preview. */
const NATIVE_TIMEOUT_MS = 6000;

/**
 * The browser's own player. Reports the paused/seeked time to the store and lets the timeline drive it
 * (features/timeline/playback.ts); calls `onUnplayable` when the browser cannot decode the file (HEVC, MPEG-2,
 * Indeo… in Chromium), so that ffmpeg.wasm renders the preview instead.
 */
export function NativePreview({ file, onUnplayable }: { file: File; onUnplayable: () => void }) {
  const url = useObjectUrl(file);
  const video = useRef<HTMLVideoElement>(null);
  const setPreviewTime = useStore((s) => s.setPreviewTime);
  const attach = useCallback((element: HTMLVideoElement | null) => {
    video.current = element;
    if (!element) return undefined;
    const detach = attachPreviewVideo(element);
    return () => {
      detach();
      video.current = null;
    };
  }, []);

  /** Set once the first frame was decoded: later seeks (readyState drops while the timeline seeks) prove nothing. */
  const loaded = useRef(false);

  useEffect(() => {
    const timer = setTimeout(() => {
      const v = video.current;
      if (!v || !loaded.current || v.videoWidth === 0) onUnplayable();
    }, NATIVE_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [url, onUnplayable]);

  if (!url) return null;
  return (
    <video
      ref={attach}
      className="preview__media"
      src={url}
      muted
      playsInline
      preload="auto"
      aria-label="Preview"
      onError={onUnplayable}
      onLoadedMetadata={(e) => {
        if (e.currentTarget.videoWidth === 0) onUnplayable();
      }}
      onLoadedData={(e) => {
        if (e.currentTarget.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) loaded.current = true;
      }}
      onTimeUpdate={(e) => setPreviewTime(e.currentTarget.currentTime * 1000)}
      onSeeked={(e) => setPreviewTime(e.currentTarget.currentTime * 1000)}
    />
  );
}

/** Pauses the page's preview (the player, or the engine preview's clock), so "Add current time" adds the frame the user sees. */
export function pauseNativePreview(): void {
  pausePreview();
  document.querySelectorAll<HTMLVideoElement>('video.preview__media').forEach((v) => v.pause());
}
