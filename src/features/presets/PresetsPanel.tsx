import { useState, type KeyboardEvent } from 'react';
import { BUILT_IN_PRESETS, MAX_PRESET_NAME_CHARS } from '../../core/job/presets';
import { toSnapframeError } from '../../core/job/errors';
import { useStore } from '../../store';
import { PresetTransfer } from './PresetTransfer';
import type { PresetMessage } from './presetMessages';
import './presets.css';

/**
 * Presets: a "Preset" select of the built-in presets and the user's ("My presets"), applied as soon as one
 * is chosen; "Preset name" with "Save preset", and for a chosen user preset "Rename preset" and "Delete preset";
 * export and import as JSON. Every outcome is said in one `role=status` line, failures in a `role=alert`.
 * A `<fieldset>` without a form of its own: it is meant to sit inside the job form, so every button is
 * `type="button"` and Enter in the name field saves instead of submitting the job.
 */
export function PresetsPanel() {
  const userPresets = useStore((s) => s.userPresets);
  const applyPresetById = useStore((s) => s.applyPresetById);
  const savePreset = useStore((s) => s.savePreset);
  const renamePreset = useStore((s) => s.renamePreset);
  const deletePreset = useStore((s) => s.deletePreset);
  const [selectedId, setSelectedId] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<PresetMessage>(null);

  const selectedUser = userPresets.find((p) => p.id === selectedId);
  const selectValue = selectedUser || BUILT_IN_PRESETS.some((p) => p.id === selectedId) ? selectedId : '';

  /** Runs an action; a thrown error becomes the alert, a returned sentence the status. */
  const attempt = (action: () => string) => {
    try {
      setMessage({ kind: 'status', text: action() });
    } catch (error) {
      setMessage({ kind: 'alert', text: toSnapframeError(error).message });
    }
  };

  const choose = (id: string) => {
    if (id === '') return setSelectedId('');
    attempt(() => {
      const preset = applyPresetById(id);
      setSelectedId(id);
      if (!preset.builtIn) setName(preset.name);
      return `Applied "${preset.name}".`;
    });
  };

  const save = () =>
    attempt(() => {
      const preset = savePreset(name);
      setSelectedId(preset.id);
      setName(preset.name);
      return `Saved "${preset.name}".`;
    });

  const rename = (id: string, oldName: string) =>
    attempt(() => {
      renamePreset(id, name);
      const newName = name.trim();
      setName(newName);
      return `Renamed "${oldName}" to "${newName}".`;
    });

  const remove = (id: string, oldName: string) =>
    attempt(() => {
      deletePreset(id);
      setSelectedId('');
      return `Deleted "${oldName}".`;
    });

  const onNameKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // not "Create snapshots"
    save();
  };

  return (
    <fieldset className="presets">
      <legend>Presets</legend>
      <div className="field">
        <label htmlFor="preset-select">Preset</label>
        <select id="preset-select" value={selectValue} onChange={(e) => choose(e.target.value)}>
          <option value="">Choose a preset…</option>
          <optgroup label="Built-in">
            {BUILT_IN_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </optgroup>
          {userPresets.length > 0 && (
            <optgroup label="My presets">
              {userPresets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <div className="presets__row">
        <div className="field">
          <label htmlFor="preset-name">Preset name</label>
          <input
            id="preset-name"
            type="text"
            value={name}
            maxLength={MAX_PRESET_NAME_CHARS}
            placeholder="e.g. Seek previews 320 px"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={onNameKeyDown}
          />
        </div>
      </div>
      <div className="presets__row">
        <button type="button" className="button button--small" onClick={save}>
          Save preset
        </button>
        {selectedUser && (
          <>
            <button type="button" className="button button--small" onClick={() => rename(selectedUser.id, selectedUser.name)}>
              Rename preset
            </button>
            <button type="button" className="button button--small" onClick={() => remove(selectedUser.id, selectedUser.name)}>
              Delete preset
            </button>
          </>
        )}
      </div>
      <PresetTransfer onMessage={setMessage} />
      <p className="hint">A preset keeps every setting except the time offsets and the user data.</p>
      <p role="status" className={`presets__message${message?.kind === 'status' ? ' success' : ''}`}>
        {message?.kind === 'status' ? message.text : ''}
      </p>
      {message?.kind === 'alert' && (
        <p role="alert" className="error">
          {message.text}
        </p>
      )}
    </fieldset>
  );
}
