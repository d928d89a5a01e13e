import type { ReactNode } from 'react';
import { useStore } from '../../store';

/**
 * "More options": every setting beyond mode, times, size and format, folded away with the defaults said in words on
 * the summary line. Its open state is remembered (store/settingsSlice.ts). Other settings mount here as children.
 */
export function MoreOptions({ summary, children }: { summary: string; children: ReactNode }) {
  const open = useStore((s) => s.moreOptionsOpen);
  const setOpen = useStore((s) => s.setMoreOptionsOpen);
  return (
    <details className="more" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="more__title">More options</span> <span className="more__summary">{summary}</span>
      </summary>
      <div className="more__body">{children}</div>
    </details>
  );
}
