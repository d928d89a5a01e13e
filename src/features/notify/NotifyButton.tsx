import { useState } from 'react';
import { notificationPermission } from './browserNotification';

/**
 * "Notify me when jobs finish": asks for the browser's notification permission. Once granted, every job that
 * finishes or fails raises a browser notification (NotificationCenter); denied or unsupported, it says so.
 */
export function NotifyButton() {
  const [permission, setPermission] = useState(notificationPermission);
  const [asking, setAsking] = useState(false);

  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <span className="hint">You will be notified when jobs finish.</span>;
  if (permission === 'denied') return <span className="hint">Notifications are blocked for this site in the browser settings.</span>;

  const ask = async () => {
    setAsking(true);
    try {
      setPermission(await Notification.requestPermission());
    } catch {
      setPermission(notificationPermission());
    } finally {
      setAsking(false);
    }
  };
  return (
    <button type="button" className="button button--small" disabled={asking} onClick={() => void ask()}>
      Notify me when jobs finish
    </button>
  );
}
