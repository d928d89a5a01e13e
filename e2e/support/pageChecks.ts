/**
 * Checks of the page as a whole, for any state it is in: no sideways scrolling, no axe-core violation, and a
 * screenshot attached to the test report (and, with SNAPFRAME_PAGE_SHOTS=<folder>, saved there too, as docs/page/ is
 * made).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';

const require = createRequire(import.meta.url);
/** axe-core's browser build, injected into the page by evaluation (the app's CSP allows no injected script tag). */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One axe-core violation, short: rule, impact, and the first nodes' selectors and summaries. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (every rule of its default run: WCAG 2.x A and AA, and best practices) on the whole page.
 * @returns the violations, [] when there is none.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return (
      result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]
    ).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    }));
  });
}

/** The page's scroll width and the window's inner width, CSS px. */
export async function widths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/**
 * Checks one state of the page: no sideways scrolling (`scrollWidth <= innerWidth`) and no axe-core violation; attaches
 * a screenshot of what the window shows, named `<state>`.
 */
export async function checkState(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  // A smooth scroll (results coming into view) must end before the picture is taken.
  let last = -1;
  await expect
    .poll(
      async () => {
        const y = await page.evaluate(() => window.scrollY);
        const still = y === last;
        last = y;
        return still;
      },
      { intervals: [150] },
    )
    .toBe(true);
  const shot = await page.screenshot();
  await testInfo.attach(`${state}.png`, { body: shot, contentType: 'image/png' });
  const folder = process.env.SNAPFRAME_PAGE_SHOTS;
  if (folder) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${state}.png`), shot);
  }
  const w = await widths(page);
  expect.soft(w.scrollWidth, `${state}: no sideways scrolling`).toBeLessThanOrEqual(w.innerWidth);
  const violations = await axeViolations(page);
  expect.soft(violations, `${state}: axe-core violations`).toEqual([]);
}
