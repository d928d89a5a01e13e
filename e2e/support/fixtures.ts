/**
 * Playwright fixtures: `app` (the page object on a fresh page) and two automatic ones for every test:
 * `network` records every request and fails the test on any request outside the app's origin (docs/ARCHITECTURE.md convention
 * 6), and `diagnostics` attaches the page's console and errors when a test fails.
 */
import { test as base, expect } from '@playwright/test';
import { SnapframePage } from './app';
import { NetworkRecorder } from './network';

export { expect };

interface Fixtures {
  app: SnapframePage;
  network: NetworkRecorder;
  diagnostics: string[];
  /**
   * Whether the page starts with the form's "More options" open, as the page remembers it for a user who opened them
   * once (the `moreOptionsOpen` setting in localStorage `snapframe-settings`). On by default, so that the specs that
   * set fit, quality, sprite details or job workers find those fields; `test.use({ moreOptions: false })` shows the
   * page as a newcomer first sees it.
   */
  moreOptions: boolean;
  moreOptionsSetting: void;
}

export const test = base.extend<Fixtures>({
  moreOptions: [true, { option: true }],
  moreOptionsSetting: [
    async ({ context, moreOptions }, use) => {
      if (moreOptions) {
        await context.addInitScript(() => {
          const key = 'snapframe-settings';
          if (localStorage.getItem(key) === null)
            localStorage.setItem(key, JSON.stringify({ state: { moreOptionsOpen: true }, version: 2 }));
        });
      }
      await use();
    },
    { auto: true },
  ],
  network: [
    async ({ context, baseURL }, use, testInfo) => {
      const origin = new URL(baseURL ?? 'http://localhost:4173').origin;
      const recorder = new NetworkRecorder(context, origin);
      await use(recorder);
      if (testInfo.status !== testInfo.expectedStatus || recorder.violations().length > 0) {
        await testInfo.attach('requests.txt', { body: recorder.summary(), contentType: 'text/plain' });
      }
      recorder.assertSameOrigin();
    },
    { auto: true },
  ],

  diagnostics: [
    async ({ page }, use, testInfo) => {
      const lines: string[] = [];
      const t0 = Date.now();
      const stamp = () => `+${((Date.now() - t0) / 1000).toFixed(1)}s`;
      page.on('console', (m) => lines.push(`${stamp()} console.${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => lines.push(`${stamp()} pageerror: ${e.stack ?? e.message}`));
      page.on('crash', () => lines.push(`${stamp()} PAGE CRASHED`));
      page.on('worker', (w) => {
        lines.push(`${stamp()} worker started: ${w.url().slice(0, 120)}`);
        w.on('close', () => lines.push(`${stamp()} worker closed: ${w.url().slice(0, 120)}`));
      });
      await use(lines);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('browser-log.txt', { body: lines.join('\n'), contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],

  app: async ({ page }, use, testInfo) => {
    await use(new SnapframePage(page, testInfo));
  },
});
