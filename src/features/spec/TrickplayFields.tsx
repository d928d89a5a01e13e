import { useId } from 'react';
import { TRICKPLAY_FORMATS, type TrickplayFormat } from '../../core/trickplay/formats';
import { useStore } from '../../store';
import { FieldProblemText } from './fields';

const LABELS: Record<TrickplayFormat, { label: string; hint: string }> = {
  bif: { label: 'BIF (Roku, Plex, Emby)', hint: '<video>.bif, one JPEG per time' },
  hls: { label: 'HLS image playlist', hint: 'thumbnails.m3u8 and its #EXT-X-IMAGE-STREAM-INF line' },
  dash: { label: 'DASH thumbnails', hint: 'an AdaptationSet of the sheets to paste into the MPD' },
  jellyfin: { label: 'Jellyfin', hint: '<video>.trickplay/ beside the video' },
};

/**
 * "Trickplay" of Interval and Sprite sheet jobs: which seek-preview files to write beside the images (core/trickplay;
 * docs/TRICKPLAY.md says where each goes). HLS, DASH and Jellyfin are made of the sprite sheets.
 */
export function TrickplayFields() {
  const chosen = useStore((s) => s.specInput.trickplay);
  const mode = useStore((s) => s.specInput.mode);
  const setSpecField = useStore((s) => s.setSpecField);
  const id = useId();
  const toggle = (format: TrickplayFormat, on: boolean) =>
    setSpecField(
      'trickplay',
      TRICKPLAY_FORMATS.filter((f) => (f === format ? on : chosen.includes(f))),
    );
  return (
    <fieldset className="fieldgroup" aria-describedby={`${id}-hint`}>
      <legend>Trickplay</legend>
      <div className="checks">
        {TRICKPLAY_FORMATS.map((format) => (
          <div className="field field--check" key={format}>
            <input
              id={`${id}-${format}`}
              type="checkbox"
              checked={chosen.includes(format)}
              onChange={(e) => toggle(format, e.target.checked)}
            />
            <label htmlFor={`${id}-${format}`} title={LABELS[format].hint}>
              {LABELS[format].label}
            </label>
          </div>
        ))}
      </div>
      <p className="hint" id={`${id}-hint`}>
        {mode === 'sprite'
          ? 'Seek previews for TV players, from these frames: JPEG, one image every interval from 0.'
          : 'In this mode, BIF only; HLS, DASH and Jellyfin are made of sprite sheets.'}
      </p>
      <FieldProblemText field="trickplay" />
    </fieldset>
  );
}
