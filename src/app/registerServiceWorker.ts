/**
 * Registers the service worker that makes Snapframe work offline after the first visit (sw.js, written at build
 * time by scripts/serviceWorker.ts: it precaches the app and the ffmpeg core). Production builds only: the dev
 * server has no sw.js, and a worker caching dev modules would serve stale code. Skipped where the browser has no
 * service workers (old browsers, insecure origins other than localhost). Registration waits for the page's `load`
 * event so that precaching the ~32 MB core never competes with the first paint.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    const base = import.meta.env.BASE_URL;
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((error: unknown) => {
      // Offline use is a convenience: the app works the same without it.
      console.warn(`Snapframe could not register its service worker, so it will not work offline: ${String(error)}`);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
