import { useObjectUrl } from '../../lib/useObjectUrl';
import type { ResultFile } from '../../store/job';

type Animation = Extract<ResultFile, { kind: 'animation' }>;

/**
 * One animated preview: the GIF as an image, the WebM as a looping, muted video, with its size, frame
 * count and rate, and a download link.
 */
export function AnimationView({ file }: { file: Animation }) {
  const url = useObjectUrl(file.blob);
  if (!url) return null;
  const label = `Animated preview ${file.name}`;
  return (
    <figure className="animation">
      {file.format === 'gif' ? (
        <img src={url} alt={label} width={file.width} height={file.height} />
      ) : (
        <video src={url} aria-label={label} width={file.width} height={file.height} muted loop autoPlay playsInline controls />
      )}
      <figcaption className="hint">
        <a href={url} download={file.name}>
          {file.name}
        </a>{' '}
        {file.width} × {file.height} px, {file.frames} frame{file.frames === 1 ? '' : 's'} at {file.frameRate} fps
        {file.format === 'webm' ? ` (${file.codec.toUpperCase()})` : ''}, {(file.blob.size / 1024).toFixed(0)} KiB
      </figcaption>
    </figure>
  );
}
