import { readAsInterlaced } from '../../core/deinterlace/decision';
import { useStore } from '../../store';
import { SelectField } from './fields';

/**
 * The "Deinterlace" setting (core/deinterlace/decision.ts): Auto deinterlaces videos read as interlaced (the video
 * details' "Scan" row), On every video, Off none (both fields woven, as the decoder gives them). The hint says what
 * Auto does for the chosen video.
 */
export function DeinterlaceField() {
  // What Auto does for the chosen video: on when the probe read it as interlaced; off when it read it as progressive or
  // could not read it (codecs other than H.264 and MPEG-2: On deinterlaces them).
  const scan = useStore((s) => (s.source?.info ? (s.source.info.interlacing ? readAsInterlaced(s.source.info) : 'unread') : null));
  const autoLabel =
    scan === null
      ? 'Auto (interlaced videos)'
      : scan === 'unread'
        ? 'Auto (off: not read as interlaced)'
        : scan
          ? 'Auto (on: this video is interlaced)'
          : 'Auto (off: this video is progressive)';
  return (
    <SelectField
      field="deinterlace"
      label="Deinterlace"
      options={[
        { value: 'auto', label: autoLabel },
        { value: 'on', label: 'On' },
        { value: 'off', label: 'Off (fields woven)' },
      ]}
    />
  );
}
