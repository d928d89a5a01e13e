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
}

export const test = base.extend<Fixtures>({
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
