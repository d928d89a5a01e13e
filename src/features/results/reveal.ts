/** The id of the results heading, which {@link revealResults} scrolls to and focuses. */
export const RESULTS_HEADING_ID = 'results-heading';

/**
 * Brings the results into view and moves focus to their heading, so that a screen reader reads where they are. The
 * scroll is smooth unless the user prefers reduced motion; focus stays put while the user is typing in a field.
 * Waits one frame so that a results panel rendered by the same update is there.
 */
export function revealResults(): void {
  requestAnimationFrame(() => {
    const heading = document.getElementById(RESULTS_HEADING_ID);
    if (!heading) return;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    heading.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
    const active = document.activeElement;
    const typing = active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && active.type === 'text');
    if (!typing) heading.focus({ preventScroll: true });
  });
}
