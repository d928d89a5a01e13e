import { readAsInterlaced } from '../../core/deinterlace/decision';
import { interlacingSentence } from '../../core/probe/interlacing';
import { useStore } from '../../store';
import { SelectField } from './fields';

/**
 * The "Deinterlace" setting (core/deinterlace/decision.ts): Auto deinterlaces videos read as interlaced (the video
 * details' "Scan" row), On every video, Off none (both fields woven, as the decoder gives them).
 */
export function DeinterlaceField() {
  return (
    <SelectField
      field="deinterlace"
      label="Deinterlace"
      options={[
        { value: 'auto', label: 'Auto' },
        { value: 'on', label: 'On' },
        { value: 'off', label: 'Off (fields woven)' },
      ]}
    />
  );
}

/**
 * What Auto does for the chosen video, in a sentence: on when the probe read it as interlaced; off when it read it as
 * progressive or could not read its scan (codecs other than H.264 and MPEG-2, which On deinterlaces anyway).
 */
export function DeinterlaceHint() {
  const info = useStore((s) => s.source?.info ?? null);
  let sentence = 'Deinterlace: Auto deinterlaces interlaced videos (TV captures, camcorder files) as players show them.';
  if (info?.interlacing && readAsInterlaced(info))
    sentence = `Deinterlace: Auto is on for this video (${interlacingSentence(info.interlacing)}).`;
  else if (info?.interlacing) sentence = 'Deinterlace: Auto is off for this video (progressive).';
  else if (info) sentence = 'Deinterlace: Auto is off for this video (its scan is not read); On deinterlaces it anyway.';
  return <p className="hint">{sentence}</p>;
}
