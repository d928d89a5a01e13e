import type { ReactNode } from 'react';

/** In-app notifications: a polite live region (role=status) that lists short messages, each dismissable. */
export interface Toast {
  id: number;
  text: string;
  tone: 'success' | 'error' | 'info';
  /** Buttons shown before "Dismiss" (e.g. a job's Show and Download). */
  actions?: ReactNode;
}

/**
 * The toast region, always in the page (a live region must exist before its messages arrive, or screen readers miss
 * them): one line per toast with its actions and a "Dismiss" button; `onDismiss` receives the toast's id.
 */
export function Toasts({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div role="status" aria-label="Notifications" className="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.tone}`}>
          <p className="toast__text">{toast.text}</p>
          <div className="toast__actions">
            {toast.actions}
            <button
              type="button"
              className="button button--small"
              aria-label={`Dismiss: ${toast.text}`}
              onClick={() => onDismiss(toast.id)}
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
