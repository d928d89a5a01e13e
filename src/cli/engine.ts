/**
 * The headless engine: one headless Chromium (playwright-core, the flags of scripts/chromiumFlags.mjs) on the built
 * headless page (src/headless), with one page per video in flight. Each page has the app's own engine
 * (src/engine/api.ts and whatever sits behind it), so the frames are the page's frames.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/chromiumFlags.mjs';
import type { SpecInput } from '../core/job/spec';
import type { SourceInfo } from '../core/job/types';
import type { Delivery, HeadlessJobDone, HeadlessJobFailed, HeadlessProbe, SnapframeHeadless } from '../headless/protocol';
import { findChromium } from './chromium';
import { serveHeadless, type HeadlessServer } from './server';

/** The headless page's global (`window` in the page; this side has no DOM types). Used inside page.evaluate only. */
type PageGlobal = { snapframeHeadless?: SnapframeHeadless };

/** Where the headless page sits in a build. */
export const HEADLESS_PAGE = 'src/headless/index.html';

export interface EngineOptions {
  /** Videos in flight at once: one page each (default 1). */
  jobs?: number;
  /** The Chromium executable (default: chromium.ts `findChromium`). */
  chromium?: string;
  /** The built app (`vite build` output; default $SNAPFRAME_DIST, else `dist/` of this package). */
  distDir?: string;
  /**
   * The decoder of every job: `ffmpeg` (ffmpeg.wasm for every file) or `webcodecs` (the browser's only); default
   * `auto` (WebCodecs where the browser decodes the file, ffmpeg.wasm elsewhere). Passed with each job (engine/api.ts
   * JobOptions `decoder`).
   */
  decoder?: 'auto' | 'ffmpeg' | 'webcodecs';
}

/** This package's dist/ (the compiled command lives in dist-node/, beside it). */
function defaultDist(): string {
  if (process.env.SNAPFRAME_DIST) return path.resolve(process.env.SNAPFRAME_DIST);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
}

/** One page of the engine, busy with at most one video. */
export class EnginePage {
  constructor(
    readonly page: Page,
    private readonly server: HeadlessServer,
    private readonly decoder: 'auto' | 'ffmpeg' | 'webcodecs' = 'auto',
  ) {}

  /** The page's index of the input being worked on (files first, then URLs opened: headless/protocol.ts). */
  private index = 0;

  /**
   * Hands the video to the page and probes it: a file through setInputFiles (a File handle backed by the path, never
   * read whole), an http(s) address through the page's `openUrl` (read by range: docs/URLS.md).
   * @param variant an HLS master playlist's variant (0 = the highest bandwidth)
   */
  async probe(file: string, variant?: number): Promise<HeadlessProbe> {
    if (/^https?:\/\//i.test(file)) {
      // No file in the input, so the URL's index does not move when a file comes next.
      await this.page.setInputFiles('#files', []);
      const opened = await this.page.evaluate(
        ([url, v]) => (globalThis as unknown as PageGlobal).snapframeHeadless!.openUrl(url, v ?? undefined),
        [file, variant ?? null] as const,
      );
      if (!opened.ok) return opened;
      this.index = opened.index;
    } else {
      await this.page.setInputFiles('#files', [file]);
      this.index = 0;
    }
    return this.page.evaluate((index) => (globalThis as unknown as PageGlobal).snapframeHeadless!.probe(index), this.index);
  }

  /** Runs a job on the probed file; its files arrive in `dir` (zip or loose). */
  async run(
    source: SourceInfo,
    input: Partial<SpecInput>,
    jobId: string,
    dir: string,
    zip: boolean,
  ): Promise<HeadlessJobDone | HeadlessJobFailed> {
    const delivery: Delivery = { token: jobId, zip };
    this.server.accept(jobId, dir);
    try {
      return await this.page.evaluate(
        ([index, src, inp, options]) => (globalThis as unknown as PageGlobal).snapframeHeadless!.run(index, src, inp, options),
        [this.index, source, input, { jobId, delivery, progress: true, decoder: this.decoder }] as const,
      );
    } finally {
      this.server.refuse(jobId);
    }
  }

  cancel(jobId: string): Promise<void> {
    return this.page.evaluate((id) => (globalThis as unknown as PageGlobal).snapframeHeadless?.cancel(id), jobId).catch(() => undefined);
  }
}

/** The browser, its server and a pool of pages. */
export class HeadlessEngine {
  private readonly idle: EnginePage[] = [];
  private readonly waiting: { resolve: (page: EnginePage) => void; reject: (error: Error) => void }[] = [];
  /** Pages open or being replaced; when a replacement cannot be opened, the pool shrinks. */
  private alive = 0;
  private readonly progress = new Map<string, (done: number, total: number) => void>();
  private closed = false;
  /** The Chromium being started in place of one that died, while it starts. */
  private relaunching: Promise<void> | null = null;
  /** How many times Chromium died and was replaced. */
  relaunches = 0;

  private constructor(
    private browser: Browser,
    private context: BrowserContext,
    private readonly server: HeadlessServer,
    private readonly pageUrl: string,
    readonly jobs: number,
    private readonly executablePath: string,
    private readonly decoder: 'auto' | 'ffmpeg' | 'webcodecs',
  ) {
    this.watch(browser);
  }

  /** Launches Chromium with the project's flags and a context whose pages report progress to this engine. */
  private static async launch(executablePath: string, engine?: HeadlessEngine): Promise<{ browser: Browser; context: BrowserContext }> {
    const browser = await chromium.launch({
      executablePath,
      args: [...CHROMIUM_ARGS],
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
    });
    try {
      const context = await browser.newContext();
      if (engine) await engine.exposeProgress(context);
      return { browser, context };
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  private async exposeProgress(context: BrowserContext): Promise<void> {
    await context.exposeFunction('snapframeProgress', (jobId: string, done: number, total: number) =>
      this.progress.get(jobId)?.(done, total),
    );
  }

  /** When Chromium dies (killed, out of memory), a new one is started for the videos still to do. */
  private watch(browser: Browser): void {
    browser.on('disconnected', () => {
      if (!this.closed && browser === this.browser) void this.relaunch();
    });
  }

  /**
   * After a page's call failed: whether Chromium itself died under it (its disconnection may reach this process a
   * moment after the call's failure, so this waits up to 1 s for it).
   */
  async browserLostUnder(page: EnginePage): Promise<boolean> {
    for (let i = 0; i < 10 && !this.lostBrowserOf(page); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    return this.lostBrowserOf(page);
  }

  /** True when the Chromium that ran `page` is gone (the page's video failed because Chromium died). */
  lostBrowserOf(page: EnginePage): boolean {
    return !page.page.context().browser()?.isConnected();
  }

  /**
   * Starts a new Chromium in place of a dead one (once, however many pages noticed), and replaces the idle pages,
   * which died with it. Pages in use are replaced as their videos fail ({@link release}).
   */
  private relaunch(): Promise<void> {
    this.relaunching ??= (async () => {
      this.relaunches += 1;
      const { browser, context } = await HeadlessEngine.launch(this.executablePath, this);
      this.browser = browser;
      this.context = context;
      this.watch(browser);
      const dead = this.idle.splice(0).length;
      for (let i = 0; i < dead; i += 1) await this.replace();
    })().finally(() => {
      this.relaunching = null;
    });
    return this.relaunching;
  }

  /**
   * Starts Chromium and the server, and opens `jobs` pages.
   * @throws Error when the headless page is not built (says to run `npm run build`) or no Chromium is found.
   */
  static async start(options: EngineOptions = {}): Promise<HeadlessEngine> {
    const dist = path.resolve(options.distDir ?? defaultDist());
    if (!fs.existsSync(path.join(dist, HEADLESS_PAGE))) {
      throw new Error(
        `The headless page is not built (no ${path.join(dist, HEADLESS_PAGE)}). Run \`npm run build\` first, or set SNAPFRAME_DIST to a build folder.`,
      );
    }
    const executablePath = options.chromium ?? findChromium();
    const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
    const server = await serveHeadless(dist);
    let browser: Browser | undefined;
    try {
      const launched = await HeadlessEngine.launch(executablePath);
      browser = launched.browser;
      const engine = new HeadlessEngine(
        browser,
        launched.context,
        server,
        `${server.url}${HEADLESS_PAGE}`,
        jobs,
        executablePath,
        options.decoder ?? 'auto',
      );
      await engine.exposeProgress(launched.context);
      const pages = await Promise.all(Array.from({ length: jobs }, () => engine.openPage()));
      engine.idle.push(...pages);
      engine.alive = pages.length;
      return engine;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await server.close();
      throw error;
    }
  }

  private async openPage(): Promise<EnginePage> {
    const page = await this.context.newPage();
    await page.goto(this.pageUrl);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobal).snapframeHeadless?.ready === true, null, { timeout: 60_000 });
    return new EnginePage(page, this.server, this.decoder);
  }

  /** Listens to a job's progress (images done of total). */
  onProgress(jobId: string, listener: ((done: number, total: number) => void) | null): void {
    if (listener) this.progress.set(jobId, listener);
    else this.progress.delete(jobId);
  }

  /**
   * Runs `work` on a free page (waits for one). A page that failed under `work` (a crash, a closed target) is
   * replaced by a fresh one, so one bad video never breaks the next; when Chromium itself died (killed, out of
   * memory), a new Chromium is started and every page is replaced in it.
   */
  async withPage<T>(work: (page: EnginePage) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('The engine is closed.');
    if (this.alive === 0) throw new Error('The headless engine has no page left (see the errors before this one).');
    let page = await this.take();
    // A page whose Chromium died while it waited is replaced before it is given a video.
    while (this.lostBrowserOf(page)) {
      void this.release(page, false);
      page = await this.take();
    }
    let healthy = true;
    try {
      return await work(page);
    } catch (error) {
      healthy = false;
      throw error;
    } finally {
      void this.release(page, healthy);
    }
  }

  private take(): Promise<EnginePage> {
    const page = this.idle.pop();
    return page ? Promise.resolve(page) : new Promise<EnginePage>((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private async release(page: EnginePage, healthy: boolean): Promise<void> {
    if (healthy && !this.closed && !this.lostBrowserOf(page)) {
      this.hand(page);
      return;
    }
    await page.page.close().catch(() => undefined);
    if (this.closed) return;
    // Chromium itself died: wait for the new one before opening the page's replacement in it.
    if (this.lostBrowserOf(page)) await (this.relaunching ?? this.relaunch()).catch(() => undefined);
    await this.replace();
  }

  /** Opens a page in place of one that was closed; when none can be opened, the pool shrinks. */
  private async replace(): Promise<void> {
    let next: EnginePage;
    try {
      next = await this.openPage();
    } catch (error) {
      // No page to replace it: the pool shrinks; when none is left, whoever waits gets the reason.
      if (--this.alive === 0) {
        const reason = new Error(`The headless engine could not open a page: ${error instanceof Error ? error.message : String(error)}`);
        for (const waiter of this.waiting.splice(0)) waiter.reject(reason);
      }
      return;
    }
    if (this.closed) return;
    this.hand(next);
  }

  /** Gives a free page to whoever waits for one, else keeps it. */
  private hand(page: EnginePage): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(page);
    else this.idle.push(page);
  }

  /** Closes the browser and the server. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close().catch(() => undefined);
    await this.server.close();
  }
}
