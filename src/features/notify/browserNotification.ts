/**
 * Browser notifications (the cloud APIs' "event notification"), only when the user allowed them: the permission is the
 * opt-in ("Notify me when jobs finish" asks for it).
 */

/** True when this browser has the Notification API. */
export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/** The current permission: `granted`, `denied`, `default`, or `unsupported`. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

/**
 * Shows a notification if the permission is granted; otherwise does nothing. Notifications share one tag, so a new
 * one replaces the previous instead of piling up. Never throws (some browsers only allow notifications from a
 * service worker and throw here).
 * @param body the sentence to show, e.g. "flower.mp4: 3 snapshots ready."
 */
export function showBrowserNotification(body: string): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const note = new Notification('Snapframe', { body, tag: 'snapframe-jobs' });
    note.onclick = () => {
      window.focus();
      note.close();
    };
  } catch {
    // Not allowed here (e.g. Chrome on Android without a service worker): the in-app toast still tells.
  }
}
