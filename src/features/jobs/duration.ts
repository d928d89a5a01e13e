/**
 * "45 s", "2 min 05 s", "1 h 02 min" for a duration in ms (rounded up to the second, so an estimate never shows 0 s
 * while work is left). Used for estimates of the time left, where tenths of a second would only flicker.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
