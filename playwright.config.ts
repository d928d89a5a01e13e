import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/chromiumFlags.mjs';

/**
 * End-to-end tests: the test build of the app (`vite build --mode e2e` into dist-e2e/, with the testing hooks of
 * docs/TESTING.md; done by `npm run test:e2e` before this runs, with the production build that the command-line
 * tests drive) served by `vite preview`, driven in Debian's Chromium. ffmpeg.wasm is slow on 2 cores: timeouts are generous, retries are 0
 * (a flake is a bug). Test videos are read from test-media/ in the repository.
 * Optional overrides: SNAPFRAME_CHROMIUM (browser binary), SNAPFRAME_PORT and SNAPFRAME_E2E_DIST (see below);
 * SNAPFRAME_DIST is the production build the `snapframe` command drives (e2e/cli.spec.ts; default dist/).
 */
const PORT = Number(process.env.SNAPFRAME_PORT ?? 4173);
const baseURL = `http://localhost:${PORT}`;
/**
 * The test build served: dist-e2e/ (`npm run build:e2e`), or SNAPFRAME_E2E_DIST, another test build folder (e.g.
 * `vite build --mode e2e --outDir /tmp/sf-e2e`), so that a test run is not disturbed by a build that empties
 * dist-e2e/ meanwhile. Use it with SNAPFRAME_PORT to get a server of one's own.
 */
const outDir = ` --outDir ${JSON.stringify(process.env.SNAPFRAME_E2E_DIST ?? 'dist-e2e')}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/globalSetup.ts',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL,
    acceptDownloads: true,
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.SNAPFRAME_CHROMIUM ?? '/usr/bin/chromium',
          args: [...CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort${outDir}`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
