/**
 * Chromium's command-line flags for every headless run of Snapframe: the e2e tests (playwright.config.ts) and the
 * benchmarks (scripts/bench/run.mjs, scripts/bench/runs.mjs). One list, so that the tests and the figures run the
 * same browser: no sandbox (these machines run Chromium in a container), no GPU (software decoding, as measured in
 * docs/ENGINE.md "Measured facts"), and none of the browser's own background requests (QUIC, first-run, component
 * updates, sync), so that the same-origin check sees the app's requests only.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
