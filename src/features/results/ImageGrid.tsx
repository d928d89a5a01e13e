import { formatTime } from '../../core/time';
import type { ResultFile } from '../../store/jobsSlice';

type Image = Extract<ResultFile, { kind: 'snapshot' | 'cell' }>;

/** Snapshots (or kept sprite cells), each labelled with its requested and actual frame time, each downloadable. */
export function ImageGrid({ images, label }: { images: Image[]; label: string }) {
  return (
    <ul className="grid" aria-label={label}>
      {images.map((image) => (
        <li key={image.name} className="grid__item">
          <img src={image.url} alt={`Snapshot at ${formatTime(image.requestedMs)}`} loading="lazy" />
          <div className="grid__caption">
            <span title="Requested time · actual frame time">
              {formatTime(image.requestedMs)} · frame at {formatTime(image.actualMs)}
            </span>
            <a href={image.url} download={image.name} aria-label={`Download ${image.name}`}>
              Download
            </a>
          </div>
        </li>
      ))}
    </ul>
  );
}
