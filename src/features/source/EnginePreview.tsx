import { isRemote } from '../../core/remote/remoteVideo';
import type { VideoInput } from '../../engine/api';
import { formatTime } from '../../core/timeline/time';
import type { SourceInfo } from '../../core/job/types';
import { BitmapImage } from '../../lib/BitmapImage';
import { useStore } from '../../store';
import { useEngineFrame } from '../timeline/useEngineFrame';
import { useTimelineStore } from '../timeline/useTimelineStore';

/**
 * Preview for files the browser cannot play, and for videos at a URL (the page's own player would make requests
 * Snapframe does not control): a frame rendered by the engine at the preview time (set by the timeline): keyframes
 * while scrubbing or playing, the exact frame at rest.
 */
export function EnginePreview({ file, info }: { file: VideoInput; info: SourceInfo }) {
  const timeMs = useStore((s) => s.previewTimeMs);
  const fast = useTimelineStore((s) => s.scrubbing || s.playing);
  const { frame, busy, error } = useEngineFrame(file, info, timeMs, fast);

  return (
    <div className="engine-preview">
      <div className="preview__frame" style={{ aspectRatio: `${info.width} / ${info.height}` }}>
        {frame && (
          <BitmapImage
            className="preview__media"
            blob={frame.blob}
            width={frame.width}
            height={frame.height}
            label={`Frame at ${formatTime(frame.actualMs)}`}
          />
        )}
        {busy && <span className="preview__busy">Rendering frame…</span>}
      </div>
      <p className="hint">
        {isRemote(file)
          ? 'A video at a URL is previewed by the engine, which reads only the parts each frame needs.'
          : `This browser cannot play ${info.codec} video itself; the preview is rendered by ffmpeg.wasm.`}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
