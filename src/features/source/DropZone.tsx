import { useRef, useState, type DragEvent } from 'react';
import { useStore } from '../../store';
import { UrlOpen } from './UrlOpen';

const SAMPLE_URL = `${import.meta.env.BASE_URL}sample.mp4`;

/** Where videos come in: drop or choose one or several files (all are added to the file list), or the bundled sample. */
export function DropZone({ compact }: { compact: boolean }) {
  const openFile = useStore((s) => s.openFile);
  const openFiles = useStore((s) => s.openFiles);
  const [over, setOver] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) void openFiles(files);
  };

  const trySample = async () => {
    setSampleError(null);
    try {
      const response = await fetch(SAMPLE_URL);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const blob = await response.blob();
      void openFile(new File([blob], 'sample.mp4', { type: 'video/mp4', lastModified: Date.now() }));
    } catch (error) {
      setSampleError(`The sample video could not be loaded (${String(error)}). Check that the app is still running.`);
    }
  };

  return (
    <section
      className={`dropzone${over ? ' dropzone--over' : ''}${compact ? ' dropzone--compact' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      aria-label="Video input"
    >
      <p className="dropzone__text">Drop a video here, or choose a file</p>
      <div className="dropzone__actions">
        <label className="button button--primary">
          Choose a file
          <input
            ref={input}
            className="visually-hidden"
            type="file"
            accept="video/*,.mkv,.avi,.ts,.m2ts,.mts,.mov,.flv,.wmv,.3gp,.264,.h264,.265,.hevc,.m2v,.ivf,.avif"
            aria-label="Video file"
            multiple
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              if (files.length > 0) void openFiles(files);
              e.target.value = '';
            }}
          />
        </label>
        <button type="button" className="button" onClick={() => void trySample()}>
          Try a sample video
        </button>
        <UrlOpen />
      </div>
      {!compact && <p className="hint">MP4, MOV, WebM, MKV, AVI, MPEG-TS… Several at once if you like. The files stay on your computer.</p>}
      {sampleError && (
        <p role="alert" className="error">
          {sampleError}
        </p>
      )}
    </section>
  );
}
