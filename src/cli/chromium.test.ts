import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Playwright's own download: absent (the registry path does not exist), so the last resort fails.
vi.mock('playwright-core', () => ({ chromium: { executablePath: () => '/nonexistent/ms-playwright/chrome' } }));
const { NO_CHROMIUM_MESSAGE, findChromium } = await import('./chromium');

describe('findChromium', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-chromium-'));
  const fake = path.join(dir, 'chromium-browser');
  fs.writeFileSync(fake, '#!/bin/sh\n');
  fs.chmodSync(fake, 0o755);

  it('takes $SNAPFRAME_CHROMIUM first, and says so when it is not an executable', () => {
    expect(findChromium({ SNAPFRAME_CHROMIUM: fake, PATH: '' })).toBe(fake);
    expect(() => findChromium({ SNAPFRAME_CHROMIUM: path.join(dir, 'nope'), PATH: dir })).toThrow(
      /SNAPFRAME_CHROMIUM is set to .*not an executable file/,
    );
  });

  it('then the usual names on PATH', () => {
    expect(findChromium({ PATH: ['/nonexistent', dir].join(path.delimiter) })).toBe(fake);
  });

  it('without any, the error says how to get one', () => {
    expect(() => findChromium({ PATH: '/nonexistent' })).toThrow(NO_CHROMIUM_MESSAGE);
    expect(NO_CHROMIUM_MESSAGE).toMatch(/apt-get install chromium.*npx playwright install chromium.*SNAPFRAME_CHROMIUM/);
  });
});
