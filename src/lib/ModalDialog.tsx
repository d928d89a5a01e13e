import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './modalDialog.css';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the dialog's last control goes to its first, Shift+Tab from the first to the last. The browser alone would
 * let focus leave the page (to its address bar) from there.
 */
function wrapTab(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  // Shown controls only; a visually hidden file input inside its label counts (it is what takes focus).
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A modal dialog on the native `<dialog>` element opened with `showModal()`: the rest of the page is inert while it is
 * open and Tab wraps around inside it (focus never leaves it), Escape closes it, it is named by its visible title (`aria-labelledby`), and on closing
 * focus goes back to the element that had it before. Rendered into `document.body`, so that it is never inside a
 * form or a folded `<details>` of its opener.
 * Source: HTML Living Standard, "The dialog element" (showModal, the cancel event); WAI-ARIA APG "Dialog (Modal)".
 *
 * @param open whether it is shown; @param onClose called when the user closes it (Escape or "Close"); the parent
 * then sets `open` to false. @param title the heading text, also its accessible name. @param initialFocus an element
 * id inside the dialog to focus when it opens (else the browser focuses the first focusable element).
 */
export function ModalDialog({
  open,
  onClose,
  title,
  initialFocus,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  initialFocus?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      if (initialFocus) document.getElementById(initialFocus)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  // Focus goes back to the opener when the dialog closes, however it closed.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onDialogClose = () => {
      const back = opener.current;
      opener.current = null;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
      onClose();
    };
    dialog.addEventListener('close', onDialogClose);
    return () => dialog.removeEventListener('close', onDialogClose);
  }, [onClose]);

  return createPortal(
    <dialog ref={ref} className="modal" aria-labelledby={titleId} onKeyDown={wrapTab}>
      <div className="modal__head">
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        <button type="button" className="button button--small" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
      {open && children}
    </dialog>,
    document.body,
  );
}
