/**
 * The lifecycle of a loopback VideoServer for a spec's page tests: started once before them, stopped after; before
 * each test its origin is allowed by the `network` fixture (the page may read the videos it serves, and nothing else
 * beyond the app's origin) and its counts and requests are reset.
 */
import { test } from './fixtures';
import type { VideoServer } from './videoServer';

/**
 * Registers the hooks in the calling spec file (call it at the file's top level).
 * @param options.prepare runs before the server starts (e.g. makes the files it serves, cached in e2e/.cache)
 * @param options.timeoutMs the time allowed to prepare and start, ms (Playwright's hook timeout otherwise)
 */
export function serveToPageTests(server: VideoServer, options: { prepare?: () => void; timeoutMs?: number } = {}): void {
  test.beforeAll(async () => {
    if (options.timeoutMs !== undefined) test.setTimeout(options.timeoutMs);
    options.prepare?.();
    await server.start();
  });
  test.afterAll(async () => {
    await server.stop();
  });
  test.beforeEach(({ network }) => {
    network.allow(server.origin);
    server.reset();
  });
}
