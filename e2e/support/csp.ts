/**
 * Content-Security-Policy checks: a watcher that collects every CSP violation of a browser context, and a parser
 * for policies.
 *
 * A violation fires a `securitypolicyviolation` event in the global scope where it happened, which is often a
 * worker: the ffmpeg core's wasm is compiled in @ffmpeg/ffmpeg's worker, nested in the engine worker. Chromium
 * (156) reports such a worker violation nowhere Playwright sees it: no console message, no page error, only an
 * exception inside the worker (checked with a policy without 'wasm-unsafe-eval'). So the watcher listens for the event:
 * - in every document, through an init script that reports over a binding;
 * - in every dedicated worker (nested ones included) and service worker, through a listener added with
 *   `worker.evaluate` as soon as Playwright reports the worker, which logs a marked console error. A violation in
 *   the first instants of a worker's script could precede it; Snapframe's workers only load scripts and compile
 *   wasm after a message from their parent, well after that.
 * Chromium's own console wording of violations ("Refused to … because it violates the following Content Security
 * Policy directive") is collected as well, as a second net for documents.
 */
import type { BrowserContext, ConsoleMessage, Page, Worker } from '@playwright/test';

const MARK = 'snapframe-csp-violation:';
/** Chromium's console wording of CSP violations and of policies it cannot apply. */
const CHROMIUM_WORDING = /violates the following Content Security Policy|Content Security Policy directive|Content-Security-Policy/i;
/** Binding name prefix; each watcher gets its own, so that two can watch one context. */
const BINDING = '__snapframeCspViolation';
let watchers = 0;

/** Collects the CSP violations of one context; attach before the first navigation. */
export class CspWatcher {
  private readonly lines = new Set<string>();
  /** The listeners being installed in workers. */
  private readonly hooks: Promise<void>[] = [];
  /** The pages and workers watched, e.g. `worker http://localhost:4173/assets/worker-….js`. */
  readonly watched = new Set<string>();

  private constructor() {}

  /** Every violation seen so far, one line each. */
  get violations(): string[] {
    return [...this.lines];
  }

  /** Starts watching `context`: its current and future pages, their workers, and service workers. */
  static async attach(context: BrowserContext): Promise<CspWatcher> {
    const watcher = new CspWatcher();
    const binding = `${BINDING}${++watchers}`;
    await context.exposeBinding(binding, (_source, line: string) => watcher.lines.add(`event: ${line}`));
    await context.addInitScript((binding) => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const line = `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} (${e.disposition}) in ${e.documentURI}${e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : ''}${e.sample ? ` sample ${JSON.stringify(e.sample)}` : ''}`;
        (window as unknown as Record<string, (l: string) => void>)[binding]?.(line);
      });
    }, binding);
    for (const page of context.pages()) watcher.watchPage(page);
    context.on('page', (page) => watcher.watchPage(page));
    for (const sw of context.serviceWorkers()) watcher.watchWorker(sw, 'service worker');
    context.on('serviceworker', (sw) => watcher.watchWorker(sw, 'service worker'));
    return watcher;
  }

  private watchPage(page: Page): void {
    this.watched.add(`page ${page.url()}`);
    page.on('console', (m) => this.fromConsole(m));
    for (const worker of page.workers()) this.watchWorker(worker, 'worker');
    page.on('worker', (worker) => this.watchWorker(worker, 'worker'));
  }

  private watchWorker(worker: Worker, kind: string): void {
    this.watched.add(`${kind} ${worker.url()}`);
    worker.on('console', (m) => this.fromConsole(m));
    const hook = worker
      .evaluate((mark) => {
        self.addEventListener('securitypolicyviolation', (e) => {
          const line = `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} (${e.disposition}) in ${e.documentURI}${e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : ''}`;
          console.error(`${mark} ${line}`);
        });
      }, MARK)
      .catch(() => {
        // The worker ended before the listener was installed: nothing more can happen in it.
      });
    this.hooks.push(hook);
  }

  /** Resolves once the listener is installed in every worker reported so far. */
  async settled(): Promise<void> {
    await Promise.all(this.hooks);
  }

  private fromConsole(message: ConsoleMessage): void {
    const text = message.text();
    if (text.startsWith(MARK)) this.lines.add(`event: ${text.slice(MARK.length).trim()}`);
    else if (CHROMIUM_WORDING.test(text)) this.lines.add(`console.${message.type()}: ${text}`);
  }
}

/** A policy as directive name (lower case) -> sources as written, e.g. `script-src` -> [`'self'`]. */
export function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}
