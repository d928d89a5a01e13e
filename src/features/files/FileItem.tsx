import { formatTime } from '../../core/timeline/time';
import { formatBytes } from '../../lib/format';
import { useStore } from '../../store';
import type { Source } from '../../store/sourceSlice';

/** One line of what the probe found: "320 × 180 · 0:10.000 · vp9 · 226 KB". */
function probeSummary(source: Source): string {
  const info = source.info;
  if (!info) return '';
  return [`${info.width} × ${info.height}`, formatTime(info.durationMs), info.codec, formatBytes(info.size)].join(' · ');
}

/**
 * One opened video in the "Files" list: its name (a button that makes it current, "Show <name>"), its probe result
 * or its error (role=alert, a sentence that names the file), and "Remove <name>".
 */
export function FileItem({ source, current }: { source: Source; current: boolean }) {
  const selectSource = useStore((s) => s.selectSource);
  const removeSource = useStore((s) => s.removeSource);
  const name = source.file.name;

  return (
    <li className={`file file--${source.status}${current ? ' file--current' : ''}`} aria-current={current ? 'true' : undefined}>
      <button
        type="button"
        className="file__show"
        title={name}
        aria-label={`Show ${name}`}
        aria-describedby={`file-${source.id}-state`}
        onClick={() => selectSource(source.id)}
      >
        {name}
      </button>
      <span id={`file-${source.id}-state`} className={`file__state${source.status === 'error' ? ' error' : ''}`}>
        {source.status === 'probing' && 'Reading…'}
        {source.status === 'ready' && probeSummary(source)}
        {source.status === 'error' && (
          // Announced, and kept with the file in the list; the message names the file (probe, sourceSlice).
          <span role="alert">{source.error?.message ?? `${name} could not be read. Remove it and choose it again.`}</span>
        )}
      </span>
      <button
        type="button"
        className="button button--small file__remove"
        aria-label={`Remove ${name}`}
        onClick={() => removeSource(source.id)}
      >
        Remove
      </button>
    </li>
  );
}
