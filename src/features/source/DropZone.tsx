import { useRef, useState, type DragEvent } from 'react';
import { useStore } from '../../store';

const SAMPLE_URL = `${import.meta.env.BASE_URL}sample.mp4`;

/** Where a video comes in: drop, file picker, or the bundled sample. */
export function DropZone({ compact }: { compact: boolean }) {
  const openFile = useStore((s) => s.openFile);
  const [over, setOver] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void openFile(file);
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
            accept="video/*,.mkv,.avi,.ts,.m2ts,.mts,.mov,.flv,.wmv,.3gp"
            aria-label="Video file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void openFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <button type="button" className="button" onClick={() => void trySample()}>
          Try a sample video
        </button>
      </div>
      {!compact && <p className="hint">MP4, MOV, WebM, MKV, AVI, MPEG-TS… The file stays on your computer.</p>}
      {sampleError && <p role="alert" className="error">{sampleError}</p>}
    </section>
  );
}
