import type { ChangeEvent } from 'react';
import { toSnapframeError } from '../../core/job/errors';
import { downloadBlob } from '../../lib/download';
import { useStore } from '../../store';
import { selectPresetsExport } from '../../store/presetsSlice';
import { countPresets, type PresetMessage } from './presetMessages';

/** The file "Export presets" downloads, and "Import presets" expects. */
export const PRESETS_FILE_NAME = 'snapframe-presets.json';

/**
 * "Export presets" (downloads the user's presets as `snapframe-presets.json`; disabled while there are none) and
 * "Import presets" (a file input for such a file; names already used get " (2)").
 * @param onMessage receives the outcome: `Imported 2 presets.` as a status, or the reason a file was refused as an alert.
 */
export function PresetTransfer({ onMessage }: { onMessage: (message: PresetMessage) => void }) {
  const count = useStore((s) => s.userPresets.length);
  const importPresets = useStore((s) => s.importPresets);

  const onExport = () => {
    const json = selectPresetsExport(useStore.getState());
    downloadBlob(new Blob([json], { type: 'application/json' }), PRESETS_FILE_NAME);
    onMessage({ kind: 'status', text: `Exported ${countPresets(count)}.` });
  };

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // so that choosing the same file again imports it again
    if (!file) return;
    try {
      const added = importPresets(await file.text());
      onMessage({ kind: 'status', text: `Imported ${countPresets(added)}.` });
    } catch (error) {
      onMessage({ kind: 'alert', text: `"${file.name}" was not imported. ${toSnapframeError(error).message}` });
    }
  };

  return (
    <div className="presets__row">
      <button type="button" className="button button--small" disabled={count === 0} onClick={onExport}>
        Export presets
      </button>
      <label className="button button--small presets__import">
        Import presets
        <input
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          aria-label="Import presets"
          onChange={(e) => void onImport(e)}
        />
      </label>
    </div>
  );
}
