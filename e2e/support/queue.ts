/**
 * Page object for the file list and the job queue, through accessible names only, plus browser-side
 * probes installed before the app loads: a PerformanceObserver('longtask') log, a log of every tab title, and a
 * stand-in for the Notification API that records what the app shows.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { JobHandle, type SnapframePage } from './app';

/** A long task as the browser reported it: start and duration, ms (performance.now() clock). */
export interface LongTask {
  start: number;
  duration: number;
}

/**
 * A long animation frame (Chromium's `long-animation-frame` entries, ≥ 50 ms): where the time went, for the report
 * when a long task shows up. `render` is style, layout and paint, ms; `scripts` the scripts that ran, longest first.
 */
export interface LongFrame {
  start: number;
  duration: number;
  render: number;
  scripts: { invoker: string; source: string; duration: number }[];
}

declare global {
  interface Window {
    __longTasks: LongTask[];
    __longFrames: LongFrame[];
    __titles: string[];
    __notes: { title: string; body: string }[];
  }
}

/**
 * Installs the probes; call before `app.open()`. The Notification stand-in starts with permission `default` and
 * grants it when asked, as a user clicking "Allow" would.
 */
export async function installProbes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    window.__longFrames = [];
    window.__titles = [];
    window.__notes = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    type Script = { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number };
    type Frame = PerformanceEntry & { renderStart: number; scripts: Script[] };
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Frame[]) {
          window.__longFrames.push({
            start: e.startTime,
            duration: e.duration,
            render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
            scripts: e.scripts
              .map((x) => ({
                invoker: x.invoker,
                source: `${x.sourceURL.split('/').pop() ?? ''} ${x.sourceFunctionName}`,
                duration: x.duration,
              }))
              .sort((a, b) => b.duration - a.duration)
              .slice(0, 3),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    }
    const record = () => {
      if (window.__titles[window.__titles.length - 1] !== document.title) window.__titles.push(document.title);
    };
    document.addEventListener('DOMContentLoaded', () => {
      record();
      new MutationObserver(record).observe(document.head, { childList: true, characterData: true, subtree: true });
    });
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission(): Promise<NotificationPermission> {
        FakeNotification.permission = 'granted';
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        window.__notes.push({ title, body: options?.body ?? '' });
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
  });
}

/** The file list, the batch button, the jobs' Retry and "Download all", the toasts. */
export class QueuePage {
  constructor(readonly app: SnapframePage) {}

  get page(): Page {
    return this.app.page;
  }
  get filesList(): Locator {
    return this.page.getByRole('list', { name: 'Files' });
  }
  get fileItems(): Locator {
    return this.filesList.getByRole('listitem');
  }
  /** The list item of one file (by its "Show <name>" button). */
  fileItem(name: string): Locator {
    return this.fileItems.filter({ has: this.page.getByRole('button', { name: `Show ${name}`, exact: true }) });
  }
  showButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Show ${name}`, exact: true });
  }
  removeButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Remove ${name}`, exact: true });
  }
  batchButton(n: number): Locator {
    return this.page.getByRole('button', { name: `Create snapshots for ${n} videos`, exact: true });
  }
  get downloadAllButton(): Locator {
    return this.page.getByRole('button', { name: 'Download all', exact: true });
  }
  get notifyButton(): Locator {
    return this.page.getByRole('button', { name: 'Notify me when jobs finish', exact: true });
  }
  get toasts(): Locator {
    return this.page.getByRole('status', { name: 'Notifications' });
  }

  /**
   * Runs `action` (a click that queues `count` jobs) and returns handles on the new jobs, in list order (top first).
   * New items are told apart from old ones by a test-only attribute, as SnapframePage.createSnapshots does.
   */
  async newJobs(count: number, action: () => Promise<void>): Promise<JobHandle[]> {
    const items = this.app.jobItems;
    if (await this.app.jobsList.count()) await items.evaluateAll((els) => els.forEach((li) => li.setAttribute('data-e2e-seen', '')));
    const before = await items.count();
    const clickedAt = Date.now();
    await action();
    await expect(items).toHaveCount(before + count, { timeout: 15_000 });
    const ids = await items.evaluateAll((els, stamp) => {
      const fresh = els.filter((li) => !li.hasAttribute('data-e2e-seen'));
      return fresh.map((li, i) => {
        const id = `q-${stamp}-${i}`;
        li.setAttribute('data-e2e-job', id);
        return id;
      });
    }, clickedAt);
    return ids.map((id) => new JobHandle(this.app, this.app.jobsList.locator(`[data-e2e-job="${id}"]`), clickedAt));
  }

  /** Long tasks reported so far. */
  longTasks(): Promise<LongTask[]> {
    return this.page.evaluate(() => window.__longTasks.slice());
  }
  /** Long animation frames reported so far. */
  longFrames(): Promise<LongFrame[]> {
    return this.page.evaluate(() => window.__longFrames.slice());
  }
  /** performance.now() in the page, ms. */
  now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }
  /** Every tab title the page has had, in order, without repeats in a row. */
  titles(): Promise<string[]> {
    return this.page.evaluate(() => window.__titles.slice());
  }
  /** The browser notifications the app has shown. */
  notifications(): Promise<{ title: string; body: string }[]> {
    return this.page.evaluate(() => window.__notes.slice());
  }
}
