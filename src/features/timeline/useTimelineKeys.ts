import { useEffect } from 'react';
import { stepFrames } from '../../core/timeline/frameClock';
import { appendToken, offsetTokens, removeToken } from '../../core/timeline/offsetTokens';
import type { SourceInfo } from '../../core/job/types';
import { useStore } from '../../store';
import { currentPreviewMs, pausePreview, seekPreview, togglePlay } from './playback';

/** True when keys typed at `target` belong to it: a text field, select or editable content (and any input). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select')) return true;
  return target instanceof HTMLElement && target.isContentEditable;
}

interface KeyOptions {
  info: SourceInfo;
  /** Index of the selected marker's token in the offsets text, or null. */
  selected: number | null;
  setSelected: (index: number | null) => void;
  /** True in mode `offsets`, where M adds a marker. */
  marking: boolean;
}

/**
 * The timeline's keyboard shortcuts, on the whole page whenever focus is not in a text field: Space
 * play/pause; Left/Right one frame (core/timeline/frameClock.ts); Shift+Left/Right one second; Home/End; M adds a marker at
 * the current time (mode `offsets`); Delete or Backspace removes the selected marker; Escape unselects it.
 * Keys typed inside an open dialog are the dialog's.
 * Keys with Ctrl, Alt or Meta are left alone, and so are events already handled.
 */
export function useTimelineKeys({ info, selected, setSelected, marking }: KeyOptions): void {
  useEffect(() => {
    const { durationMs, frameRate } = info;
    const seek = (ms: number) => {
      pausePreview();
      seekPreview(Math.min(Math.max(0, ms), durationMs));
    };
    const editOffsets = (edit: (text: string) => string, replacePlan = false) => {
      useStore.getState().editOffsets(edit, replacePlan);
      return useStore.getState().specInput.offsetsText;
    };
    /** Does what `key` asks; false when it is not a shortcut here (the event then goes on untouched). */
    const run = (key: string, shift: boolean): boolean => {
      const now = currentPreviewMs();
      switch (key) {
        case ' ':
          togglePlay(durationMs);
          return true;
        case 'ArrowLeft':
        case 'ArrowRight': {
          const direction = key === 'ArrowLeft' ? -1 : 1;
          seek(shift ? now + direction * 1000 : stepFrames(now, direction, frameRate, durationMs));
          return true;
        }
        case 'Home':
          seek(0);
          return true;
        case 'End':
          seek(durationMs);
          return true;
        case 'm': {
          if (!marking) return false;
          pausePreview();
          const text = editOffsets((t) => appendToken(t, currentPreviewMs()), true);
          setSelected(offsetTokens(text, durationMs).length - 1);
          return true;
        }
        case 'Delete':
        case 'Backspace':
          if (selected === null) return false;
          editOffsets((t) => removeToken(t, selected));
          setSelected(null);
          return true;
        case 'Escape':
          if (selected === null) return false;
          setSelected(null);
          return true;
        default:
          return false;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isTextField(event.target)) return;
      // A modal dialog (e.g. "Manage presets") owns its keys: Space presses its buttons, not Play.
      if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (run(key, event.shiftKey)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [info, selected, setSelected, marking]);
}
