import { useCallback, useState, type KeyboardEvent } from 'react';
import { BUILT_IN_PRESETS, MAX_PRESET_NAME_CHARS } from '../../core/job/presets';
import { toSnapframeError } from '../../core/job/errors';
import { ModalDialog } from '../../lib/ModalDialog';
import { useStore } from '../../store';
import { PresetTransfer } from './PresetTransfer';
import type { PresetMessage } from './presetMessages';
import './presets.css';

/** Why the "Manage presets" dialog was opened: to save the current settings, or to manage the saved ones. */
type DialogIntent = 'save' | 'manage' | null;

const NAME_ID = 'preset-name';

/**
 * Presets in one row: a "Preset" select of the built-in presets and the user's ("My presets"), applied as soon as one
 * is chosen; "Save preset…" and "Manage…", which open the "Manage presets" dialog ({@link ModalDialog}): "Preset name"
 * with "Save preset", and for a chosen preset of the user's "Rename preset" and "Delete preset"; export and import as
 * JSON. "Save preset…" focuses the name and closes the dialog once saved. Every outcome is said in one `role=status`
 * line (the dialog's while it is open, the row's after), failures in a `role=alert`.
 * Meant to sit inside the job form: every button is `type="button"` and Enter in the name field saves.
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
  const [intent, setIntent] = useState<DialogIntent>(null);
  const closeDialog = useCallback(() => setIntent(null), []);

  const selectedUser = userPresets.find((p) => p.id === selectedId);
  const selectValue = selectedUser || BUILT_IN_PRESETS.some((p) => p.id === selectedId) ? selectedId : '';

  /** Runs an action; a thrown error becomes the alert (and false), a returned sentence the status (and true). */
  const attempt = (action: () => string): boolean => {
    try {
      setMessage({ kind: 'status', text: action() });
      return true;
    } catch (error) {
      setMessage({ kind: 'alert', text: toSnapframeError(error).message });
      return false;
    }
  };

  const open = (why: Exclude<DialogIntent, null>) => {
    setMessage(null);
    if (why === 'save') setName('');
    setIntent(why);
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

  const save = () => {
    const saved = attempt(() => {
      const preset = savePreset(name);
      setSelectedId(preset.id);
      setName(preset.name);
      return `Saved "${preset.name}".`;
    });
    if (saved && intent === 'save') setIntent(null);
  };

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
      setName('');
      return `Deleted "${oldName}".`;
    });

  const onNameKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // not "Create snapshots"
    save();
  };

  const inDialog = intent !== null;
  const messageLines = (where: 'row' | 'dialog') => {
    const shown = (where === 'dialog') === inDialog ? message : null;
    return (
      <>
        <p role="status" className={`presets__message${shown?.kind === 'status' ? ' success' : ''}`}>
          {shown?.kind === 'status' ? shown.text : ''}
        </p>
        {shown?.kind === 'alert' && (
          <p role="alert" className="error">
            {shown.text}
          </p>
        )}
      </>
    );
  };

  return (
    <fieldset className="presets">
      <legend className="visually-hidden">Presets</legend>
      <div className="presets__row">
        <label htmlFor="preset-select" className="presets__label">
          Preset
        </label>
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
        <button type="button" className="button button--small" onClick={() => open('save')}>
          Save preset…
        </button>
        <button type="button" className="button button--small" onClick={() => open('manage')}>
          Manage…
        </button>
      </div>
      {messageLines('row')}
      <ModalDialog open={inDialog} onClose={closeDialog} title="Manage presets" initialFocus={intent === 'save' ? NAME_ID : undefined}>
        <div className="field">
          <label htmlFor={NAME_ID}>Preset name</label>
          <input
            id={NAME_ID}
            type="text"
            value={name}
            maxLength={MAX_PRESET_NAME_CHARS}
            placeholder="e.g. Seek previews 320 px"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={onNameKeyDown}
          />
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
        <p className="hint">
          {selectedUser
            ? `"Save preset" keeps the current settings under the name; "Rename preset" and "Delete preset" act on "${selectedUser.name}", the preset chosen now.`
            : 'A preset keeps every setting except the time offsets and the user data. To rename or delete one of yours, choose it first.'}
        </p>
        <PresetTransfer onMessage={setMessage} />
        {messageLines('dialog')}
      </ModalDialog>
    </fieldset>
  );
}
