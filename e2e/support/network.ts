/**
 * Records every request of a browser context (pages, their dedicated workers, nested workers, service workers) and
 * checks that the app talks to nobody but itself (docs/ARCHITECTURE.md convention 6: no CDN, no other origin).
 * Playwright reports dedicated-worker requests on both `page.on('request')` and `context.on('request')` (checked
 * with Chromium 156: module, classic, blob: and nested workers, fetch, import() and importScripts); the context
 * event is used so that pages opened later are covered too.
 */
import type { BrowserContext, Page, Request } from '@playwright/test';

/** One recorded request. */
export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  /** `page`, `worker <url>` or `service worker`. */
  initiator: string;
}

/** Collects requests and WebSockets of one context. */
export class NetworkRecorder {
  readonly requests: RecordedRequest[] = [];
  readonly websockets: string[] = [];
  /** Origins the test gave the app on purpose (a video server for "Open a URL"), allowed besides the app's. */
  private readonly extraOrigins = new Set<string>();

  /**
   * @param context the context to watch; attach before the first navigation.
   * @param allowedOrigin the app's origin, e.g. `http://localhost:4173`.
   */
  constructor(
    context: BrowserContext,
    readonly allowedOrigin: string,
  ) {
    context.on('request', (request) => this.requests.push(describe(request)));
    for (const page of context.pages()) this.watchPage(page);
    context.on('page', (page) => this.watchPage(page));
  }

  private watchPage(page: Page): void {
    page.on('websocket', (ws) => this.websockets.push(ws.url()));
  }

  /** Allows requests to `origin` too: the origin of a URL the test gives the app (a video at a URL). */
  allow(origin: string): void {
    this.extraOrigins.add(origin);
  }

  /** True for same-origin, `blob:` of the same origin, `data:` URLs, and origins allowed with {@link allow}. */
  isAllowed(url: string): boolean {
    if (url.startsWith('data:')) return true;
    if (url.startsWith('blob:')) return url.startsWith(`blob:${this.allowedOrigin}/`);
    try {
      const origin = new URL(url).origin;
      return origin === this.allowedOrigin || this.extraOrigins.has(origin);
    } catch {
      return false;
    }
  }

  /** Every request or WebSocket that left the app's origin, one line each. */
  violations(): string[] {
    return [
      ...this.requests.filter((r) => !this.isAllowed(r.url)).map((r) => `${r.method} ${r.url} (${r.resourceType}, from ${r.initiator})`),
      ...this.websockets.filter((url) => !this.isAllowed(url)).map((url) => `WebSocket ${url}`),
    ];
  }

  /** @throws Error listing every request to another origin. */
  assertSameOrigin(): void {
    const bad = this.violations();
    if (bad.length > 0) {
      throw new Error(
        `The app made ${bad.length} request(s) outside ${this.allowedOrigin} (only same-origin, blob: and data: are ` +
          `allowed):\n  ${bad.join('\n  ')}`,
      );
    }
  }

  /** The URLs seen, one line each, for attachments. */
  summary(): string {
    return this.requests.map((r) => `${r.method} ${r.resourceType} ${r.url} <- ${r.initiator}`).join('\n');
  }
}

function describe(request: Request): RecordedRequest {
  let initiator = 'page';
  if (request.serviceWorker()) {
    initiator = 'service worker';
  } else {
    try {
      request.frame();
    } catch {
      initiator = 'worker';
    }
  }
  return { url: request.url(), method: request.method(), resourceType: request.resourceType(), initiator };
}
