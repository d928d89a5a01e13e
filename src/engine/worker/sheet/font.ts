/// <reference lib="webworker" />
/**
 * The font the contact sheets are written in: DejaVu Sans (the @fontsource/dejavu-sans package, Latin subset),
 * shipped with the app and served from its own origin (Vite `?url`). Loaded once per worker: fetched same-origin
 * (CSP `connect-src 'self'`) and handed to `FontFace` as an ArrayBuffer, so no `font-src` is needed and the policy
 * (scripts/csp.ts) stays as it is; then added to the worker's `self.fonts`, which OffscreenCanvas text uses.
 */
import regularUrl from '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff2?url';
import boldUrl from '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff2?url';
import { InternalError } from '../../../core/job/errors';

/** The family name the canvas uses (ours, so no system font of the same name is picked). */
export const SHEET_FONT_FAMILY = 'Snapframe DejaVu Sans';

let loading: Promise<void> | null = null;

async function loadFace(url: string, weight: string): Promise<FontFace> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const face = new FontFace(SHEET_FONT_FAMILY, await response.arrayBuffer(), { weight, style: 'normal' });
  await face.load();
  return face;
}

/**
 * Makes the sheet font available to OffscreenCanvas text in this worker (once; later calls wait for the first).
 * @throws InternalError when the font files cannot be fetched or decoded (the build is broken)
 */
export function ensureSheetFont(): Promise<void> {
  loading ??= Promise.all([loadFace(regularUrl, '400'), loadFace(boldUrl, '700')]).then(
    (faces) => {
      // FontFaceSet is set-like (CSS Font Loading §4); TypeScript's WebWorker lib leaves out its add().
      const fonts = self.fonts as unknown as { add(face: FontFace): void };
      for (const face of faces) fonts.add(face);
    },
    (error: unknown) => {
      loading = null;
      throw new InternalError(
        `The sheet font could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page.`,
      );
    },
  );
  return loading;
}

/** A canvas `font` value in the sheet font, e.g. `700 20px "Snapframe DejaVu Sans"`. */
export function sheetFont(px: number, weight: 400 | 700 = 400): string {
  return `${weight} ${px}px "${SHEET_FONT_FAMILY}", sans-serif`;
}
