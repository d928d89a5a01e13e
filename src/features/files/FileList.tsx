import { useStore } from '../../store';
import { FileItem } from './FileItem';
import './files.css';

/**
 * The videos opened (shown once there are two or more): each with its probe result or error, the current one
 * marked. The batch button that applies the form to all of them sits under the form's Create (features/spec/SpecForm.tsx).
 */
export function FileList() {
  const sources = useStore((s) => s.sources);
  const currentId = useStore((s) => s.currentSourceId);
  if (sources.length < 2) return null;

  const ready = sources.filter((s) => s.status === 'ready').length;
  return (
    <section className="files" aria-labelledby="files-heading">
      <h3 id="files-heading" className="files__heading">
        {sources.length} files · {ready} ready
      </h3>
      <ul className="files__list" aria-label="Files">
        {sources.map((source) => (
          <FileItem key={source.id} source={source} current={source.id === currentId} />
        ))}
      </ul>
    </section>
  );
}
