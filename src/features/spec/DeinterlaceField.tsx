import { readAsInterlaced } from '../../core/deinterlace/decision';
import { useStore } from '../../store';
import { SelectField } from './fields';

/**
 * The "Deinterlace" setting (core/deinterlace/decision.ts): Auto deinterlaces videos read as interlaced (the video
 * details' "Scan" row), On every video, Off none (both fields woven, as the decoder gives them). The hint says what
 * Auto does for the chosen video.
 */
export function DeinterlaceField() {
  const interlaced = useStore((s) => (s.source?.info ? readAsInterlaced(s.source.info) : null));
  const autoLabel =
    interlaced === null ? 'Auto (interlaced videos)' : interlaced ? 'Auto (on: this video is interlaced)' : 'Auto (off: progressive)';
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
