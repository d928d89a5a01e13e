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
    ['Frame rate', frameRateText(info)],
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

/**
 * "24 fps"; for a raw elementary stream also where the rate comes from, since it places every time: the stream's own
 * timing, or ffmpeg's default of 25 fps for a stream that declares none.
 */
function frameRateText(info: SourceInfo): string {
  if (!info.frameRate) return 'unknown';
  const fps = `${Number(info.frameRate.toFixed(3))} fps`;
  if (!info.elementary) return fps;
  return info.elementary.rateFrom === 'stream'
    ? `${fps} (a raw stream: its own timing)`
    : `${fps} (a raw stream that declares no rate: ffmpeg's default)`;
}
