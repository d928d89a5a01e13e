import { formatTime } from '../../core/timeline/time';
import { BitmapImage } from '../../lib/BitmapImage';
import { useObjectUrl } from '../../lib/useObjectUrl';
import type { ResultFile } from '../../store/job';

type Image = Extract<ResultFile, { kind: 'snapshot' | 'cell' }>;

/** Widest bitmap a grid image is decoded to, px: a column is at most ~400 CSS px, so this is sharp up to 1.6x zoom. */
const GRID_BITMAP_MAX_PX = 640;

/** One image with its times and a download link; its bitmap and object URL live as long as the item is shown. */
function ImageItem({ image }: { image: Image }) {
  const url = useObjectUrl(image.blob);
  return (
    <li className="grid__item">
      <BitmapImage
        blob={image.blob}
        label={`Snapshot at ${formatTime(image.requestedMs)}`}
        width={image.width}
        height={image.height}
        maxWidth={GRID_BITMAP_MAX_PX}
      />
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
