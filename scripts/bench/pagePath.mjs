/**
 * The path from page open to the first downloaded image, counted on a build of the page as a newcomer takes it with
 * the bundled sample video: mouse clicks (and characters typed), and keyboard Tab and Enter presses, at 1280x800 and
 * 390x844. The first click on Create is tried with nothing typed; when the page refuses it (no time offsets), the
 * newcomer types one time ("1s") into "Time offsets" and presses Create again, and the refused click counts.
 * Also: where Create's bottom edge is once the sample is loaded (px from the top of the page) and whether it is in the
 * first screen, and how far the first image's Download link is from the window when the job ends.
 *
 * Usage: node scripts/bench/pagePath.mjs <url> [label]  (a served build: `npx vite preview --port N --outDir <dist>`).
 * Prints one JSON object. Counts do not depend on the machine's load; positions depend on fonts and the window only.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../chromiumFlags.mjs';

const [url, label = url] = process.argv.slice(2);
if (!url) {
  console.error('Usage: node scripts/bench/pagePath.mjs <url> [label]');
  process.exit(2);
}

const CREATE = /^Create( \d+)? (snapshots?|sprite sheets?)$/;
const FIRST_IMAGE = 'a[aria-label^="Download sample_"]';
const TIMES = '1s';

/** Waits up to `ms` for a job in the "Jobs" list; false when none came (Create was refused). */
async function jobAppears(page, ms) {
  try {
    await page.getByRole('list', { name: 'Jobs' }).getByRole('listitem').first().waitFor({ timeout: ms });
    return true;
  } catch {
    return false;
  }
}

/** The refusal the page shows after Create, if any (the first alert's text). */
async function refusal(page) {
  const alerts = await page.getByRole('alert').allInnerTexts();
  return alerts.map((t) => t.trim()).find((t) => t !== '') ?? null;
}

/** Mouse: clicks and characters typed; Create's position once the sample is loaded; the refusal, if any. */
async function mousePath(browser, viewport) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url);
  let clicks = 0;
  let typed = 0;
  await page.getByRole('button', { name: 'Try a sample video', exact: true }).click();
  clicks += 1;
  const create = page.getByRole('button', { name: CREATE });
  await create.and(page.locator(':enabled')).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1000); // details and filmstrip settle
  const box = await create.boundingBox();
  const scrollY = await page.evaluate(() => window.scrollY);
  const createBottomPx = Math.round(box.y + box.height + scrollY);
  const createInFirstScreen = box.y >= 0 && box.y + box.height <= viewport.height;
  await create.click();
  clicks += 1;
  let firstClick = 'a job';
  if (!(await jobAppears(page, 5_000))) {
    firstClick = (await refusal(page)) ?? 'nothing happened';
    await page.locator('#offsets-text').click();
    clicks += 1;
    await page.keyboard.type(TIMES);
    typed += TIMES.length;
    await create.click();
    clicks += 1;
    if (!(await jobAppears(page, 5_000))) throw new Error(`${label}: Create refused twice: ${await refusal(page)}`);
  }
  const link = page.locator(FIRST_IMAGE).first();
  await link.waitFor({ timeout: 180_000 });
  await page.waitForTimeout(1500); // the results' smooth scroll, where there is one
  const linkBox = await link.boundingBox();
  const linkInWindow = linkBox.y >= 0 && linkBox.y + linkBox.height <= viewport.height;
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  clicks += 1;
  await context.close();
  return {
    clicks,
    typed,
    firstClick,
    createBottomPx,
    createInFirstScreen,
    firstImageLinkInWindowWhenJobEnds: linkInWindow,
    file: download.suggestedFilename(),
  };
}

/** Keyboard only: Tab presses to each stop, Enter presses, characters typed. */
async function keyboardPath(browser, viewport) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url);
  let tabs = 0;
  let enters = 0;
  let typed = 0;
  const stops = [];
  const tabTo = async (what, matches, arg) => {
    for (let i = 0; i < 400; i += 1) {
      await page.keyboard.press('Tab');
      tabs += 1;
      if (await page.evaluate(matches, arg)) {
        stops.push(`${what}: ${tabs}`);
        return;
      }
    }
    throw new Error(`${label}: Tab never reached ${what}`);
  };
  const isCreate = (source) => new RegExp(source).test(document.activeElement?.textContent?.trim() ?? '');
  await tabTo('Try a sample video', () => document.activeElement?.textContent?.trim() === 'Try a sample video');
  await page.keyboard.press('Enter');
  enters += 1;
  await page.getByRole('button', { name: CREATE }).and(page.locator(':enabled')).waitFor({ timeout: 120_000 });
  await tabTo('Create', isCreate, CREATE.source);
  await page.keyboard.press('Enter');
  enters += 1;
  if (!(await jobAppears(page, 5_000))) {
    // Back to the times (Shift+Tab counts as a Tab press), type, and on to Create.
    for (let i = 0; i < 100 && (await page.evaluate(() => document.activeElement?.id)) !== 'offsets-text'; i += 1) {
      await page.keyboard.press('Shift+Tab');
      tabs += 1;
    }
    stops.push(`Time offsets (back): ${tabs}`);
    await page.keyboard.type(TIMES);
    typed += TIMES.length;
    await tabTo('Create again', isCreate, CREATE.source);
    await page.keyboard.press('Enter');
    enters += 1;
    if (!(await jobAppears(page, 5_000))) throw new Error(`${label}: Create refused twice`);
  }
  await page.locator(FIRST_IMAGE).first().waitFor({ timeout: 180_000 });
  await page.waitForTimeout(1500);
  await tabTo(
    'first image Download',
    (prefix) => (document.activeElement?.getAttribute('aria-label') ?? '').startsWith(prefix),
    'Download sample_',
  );
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  enters += 1;
  await context.close();
  return { tabs, enters, typed, stops, file: download.suggestedFilename() };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
try {
  const result = { label, url };
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const key = `${viewport.width}x${viewport.height}`;
    result[key] = { mouse: await mousePath(browser, viewport), keyboard: await keyboardPath(browser, viewport) };
  }
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
}
