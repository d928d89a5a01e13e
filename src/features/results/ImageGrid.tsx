import { formatTime } from '../../core/time';
import { useObjectUrl } from '../../lib/useObjectUrl';
import type { ResultFile } from '../../store/jobsSlice';

type Image = Extract<ResultFile, { kind: 'snapshot' | 'cell' }>;

/** One image with its times and a download link; its object URL lives as long as the item is shown. */
function ImageItem({ image }: { image: Image }) {
  const url = useObjectUrl(image.blob);
  return (
    <li className="grid__item">
      {url && <img src={url} alt={`Snapshot at ${formatTime(image.requestedMs)}`} loading="lazy" />}
      <div className="grid__caption">
        <span title="Requested time · actual frame time">
          {formatTime(image.requestedMs)} · frame at {formatTime(image.actualMs)}
        </span>
        {url && (
          <a href={url} download={image.name} aria-label={`Download ${image.name}`}>
            Download
          </a>
        )}
      </div>
    </li>
  );
}

/** Snapshots (or kept sprite cells), each labelled with its requested and actual frame time, each downloadable. */
export function ImageGrid({ images, label }: { images: Image[]; label: string }) {
  return (
    <ul className="grid" aria-label={label}>
      {images.map((image) => (
        <ImageItem key={image.name} image={image} />
      ))}
    </ul>
  );
}
