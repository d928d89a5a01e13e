import { useMemo } from 'react';
import { offsetNotes } from '../../core/timeline/offsetNotes';
import { useStore } from '../../store';

/**
 * What the "Time offsets" text will do, said while the user types (core/timeline/offsetNotes.ts): each entry that will
 * be refused, bare numbers read as milliseconds, entries that merge. A polite live region; once Create has refused the
 * list, its alert says the problems and only the hints stay here.
 */
export function OffsetNotes({ id }: { id: string }) {
  const text = useStore((s) => s.specInput.offsetsText);
  const durationMs = useStore((s) => s.source?.info?.durationMs ?? NaN);
  const refused = useStore((s) => s.specProblems.some((p) => p.field === 'offsetsText'));
  const notes = useMemo(() => offsetNotes(text, durationMs), [text, durationMs]);
  const shown = refused ? notes.filter((n) => n.kind === 'hint') : notes;
  return (
    <div id={id} role="status" aria-label="Notes on the times" className="offset-notes">
      {shown.length > 0 && (
        <ul>
          {shown.map((note) => (
            <li key={note.text} className={note.kind === 'problem' ? 'error' : 'warning'}>
              {note.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
