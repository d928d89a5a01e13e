/**
 * Finding a Chromium for the headless engine: $SNAPFRAME_CHROMIUM, then the usual names on PATH, then the browser
 * Playwright downloads (`npx playwright install chromium`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Executable names tried on PATH, in order (Debian, Ubuntu/snap, Google Chrome, macOS/Homebrew links). */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'chromium-freeworld'];

/** The sentence shown when no browser is found. */
export const NO_CHROMIUM_MESSAGE =
  `No Chromium was found (tried $SNAPFRAME_CHROMIUM, ${CHROMIUM_NAMES.join(', ')} on PATH, and Playwright's own download). ` +
  'Install one (Debian/Ubuntu: `apt-get install chromium`; anywhere: `npx playwright install chromium`), ' +
  'or set SNAPFRAME_CHROMIUM to the path of a Chromium or Chrome executable.';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium executable to launch.
 * @param env the environment (default process.env): `SNAPFRAME_CHROMIUM` wins when set, `PATH` is searched next.
 * @returns an absolute path.
 * @throws Error with {@link NO_CHROMIUM_MESSAGE} when none is found, or saying that $SNAPFRAME_CHROMIUM is not an
 *   executable file when it is set to one that is not.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const forced = env.SNAPFRAME_CHROMIUM;
  if (forced) {
    if (isExecutable(forced)) return path.resolve(forced);
    throw new Error(
      `SNAPFRAME_CHROMIUM is set to "${forced}", which is not an executable file. Point it at Chromium or Chrome, or unset it.`,
    );
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of CHROMIUM_NAMES) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  try {
    const downloaded = chromium.executablePath();
    if (downloaded && isExecutable(downloaded)) return downloaded;
  } catch {
    /* no Playwright registry entry for this platform */
  }
  throw new Error(NO_CHROMIUM_MESSAGE);
}
