import { colorSummary } from '../../core/color/hdr/summary';
import { formatTime } from '../../core/timeline/time';
import { interlacingSentence } from '../../core/probe/interlacing';
import type { SourceInfo } from '../../core/job/types';
import { formatBytes } from '../../lib/format';

/** Rows whose values are long (a file name, a codec's long name, colour facts): a line of their own. */
const WIDE = new Set(['Name', 'Codec', 'Scan', 'Colour', 'Header', 'Variant']);

/**
 * What the probe found: name, size, duration, display resolution, frame rate, codec, scan (progressive or interlaced:
 * field order and coding), colours, a header its packets contradict, and for an HLS master the variant read
 * (`variant`, e.g. "640x360, 1.2 Mbit/s (variant 1 of 2)").
 */
export function VideoDetails({ info, variant }: { info: SourceInfo; variant?: string }) {
  const rows: [string, string][] = [
    ['Name', info.name],
    ['Size', formatBytes(info.size)],
    ['Duration', formatTime(info.durationMs)],
    ['Resolution', `${info.width} × ${info.height}${info.rotation ? ` (rotated ${info.rotation}°)` : ''}`],
    ['Frame rate', info.frameRate ? `${Number(info.frameRate.toFixed(3))} fps` : 'unknown'],
    ['Codec', `${info.codec} (${info.codecLongName})`],
  ];
  if (info.interlacing) rows.push(['Scan', interlacingSentence(info.interlacing)]);
  const color = colorSummary(info.color);
  if (color) rows.push(['Colour', color]);
  // The file's packets contradict its header (cut or damaged): the figures above are the packets'.
  if (info.headerCheck) rows.push(['Header', info.headerCheck.sentence]);
  if (variant) rows.push(['Variant', variant]);
  return (
    <dl className="details" aria-label="Video details">
      {rows.map(([term, value]) => (
        <div key={term} className={WIDE.has(term) ? 'details__row details__row--wide' : 'details__row'}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
