import { SelectField } from './fields';

/**
 * The "HDR" setting: how HDR videos (PQ/HDR10, HLG) become SDR images: a tone-mapping operator, or off.
 * SDR videos are not affected, and the form shows this setting for HDR videos only.
 */
export function HdrField() {
  return (
    <SelectField
      field="hdr"
      label="HDR"
      options={[
        { value: 'hable', label: 'Tone-map: Hable (filmic)' },
        { value: 'reinhard', label: 'Tone-map: Reinhard' },
        { value: 'bt2390', label: 'Tone-map: BT.2390 EETF' },
        { value: 'off', label: 'Off (no tone mapping)' },
      ]}
    />
  );
}
