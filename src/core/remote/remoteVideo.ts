/**
 * A video read where it lives: an `https:` or `http:` address of a progressive file (MP4, MOV, WebM, MKV, TS) on a
 * server that answers range requests, or of an HLS VOD playlist (.m3u8). The engine takes it wherever it takes a
 * File; it carries the File fields the engine keys on (name, size, lastModified), so both travel the same way
 * through the workers (structured clone) and a URL opened twice is the same source.
 */

/** A video at a URL, as the engine's reader opened it (engine/api.ts `openUrl`). */
export interface RemoteVideo {
  readonly kind: 'url';
  /** The address as the user gave it (after trimming), absolute, http: or https:. */
  readonly url: string;
  /** The last path segment, percent-decoded (e.g. "a.mp4"); the host when the path is empty. Names outputs. */
  readonly name: string;
  /** Size of the resource, bytes, from the server's Content-Range; 0 for an HLS playlist (its segments are many files). */
  readonly size: number;
  /** Always 0: a URL has no modification time the page can trust; part of the key (worker/fileKey.ts). */
  readonly lastModified: number;
  /** `hls` for an HLS playlist (read with mediabunny's HLS demuxer), `progressive` for a single file read by range. */
  readonly layout: 'progressive' | 'hls';
  /** HLS master playlists: the variant read, by index in bandwidth order, highest first (0, the default). */
  readonly variant?: number;
  /** HLS master playlists: every variant, highest bandwidth first (`variant` indexes this list). */
  readonly variants?: readonly HlsVariant[];
}

/** One variant of an HLS master playlist (RFC 8216 §4.3.4.2 `#EXT-X-STREAM-INF`). */
export interface HlsVariant {
  /** BANDWIDTH, bits/s. */
  bandwidth: number;
  /** RESOLUTION, e.g. `1920x1080`, or null when the playlist does not say. */
  resolution: string | null;
  /** The variant's media playlist, absolute URL. */
  uri: string;
}

/**
 * How a variant is named to the user: `640x360, 1.2 Mbit/s (variant 2 of 2)`.
 * @param index the variant's place in the list (0 = highest bandwidth)
 */
export function variantLabel(variants: readonly HlsVariant[], index: number): string {
  const v = variants[index];
  if (!v) return '';
  const rate = `${(v.bandwidth / 1_000_000).toFixed(v.bandwidth < 10_000_000 ? 1 : 0)} Mbit/s`;
  return `${v.resolution ? `${v.resolution}, ` : ''}${rate} (variant ${index + 1} of ${variants.length})`;
}

/** The parts of a WHATWG URL read here. */
interface ParsedUrl {
  href: string;
  protocol: string;
  host: string;
  pathname: string;
  username: string;
  password: string;
}

/**
 * The WHATWG URL parser (a global of every JavaScript runtime Snapframe runs in: browsers, workers, Node), typed
 * here because the core compiles without the DOM library.
 */
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string, base?: string) => ParsedUrl }).URL;

/** Whether an input is a URL (not a File). */
export function isRemote<T extends object>(input: T | RemoteVideo): input is RemoteVideo {
  return (input as { kind?: unknown }).kind === 'url';
}

/** The address of an input for sentences: the URL, or the file's name. */
export function inputLabel(input: { name: string; kind?: unknown; url?: unknown }): string {
  return input.kind === 'url' && typeof input.url === 'string' ? input.url : input.name;
}

/** Whether a URL names an HLS playlist by its path (`.m3u8` or `.m3u`, any case). */
export function looksLikeHls(url: string): boolean {
  try {
    return /\.m3u8?$/i.test(new WhatwgUrl(url).pathname);
  } catch {
    return false;
  }
}

/**
 * The name a URL gives its outputs: the last path segment, percent-decoded, else the host.
 * @example remoteName('https://cdn.example.com/rec/a%20b.mp4?sig=1') === 'a b.mp4'
 */
export function remoteName(url: string): string {
  const parsed = new WhatwgUrl(url);
  const segment = parsed.pathname.split('/').filter(Boolean).pop() ?? '';
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // A malformed escape stays as written.
  }
  return name.replace(/[\\/]/g, '_') || parsed.host;
}

/** A checked address: the URL, or the sentence that says why it cannot be read. */
export type CheckedUrl = { ok: true; url: string; insecure: boolean } | { ok: false; text: string; message: string };

/**
 * Checks one address typed by the user: absolute, `http:` or `https:`, no user name or password in it (credentials
 * are never sent: docs/URLS.md).
 * @returns the URL as parsed (`insecure` for http:, which anyone on the network can read) or a sentence naming it
 */
export function checkUrl(text: string): CheckedUrl {
  const trimmed = text.trim();
  let parsed: ParsedUrl;
  try {
    parsed = new WhatwgUrl(trimmed);
  } catch {
    return { ok: false, text: trimmed, message: `"${trimmed}" is not a web address: give one that starts with https:// or http://.` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, text: trimmed, message: `${trimmed}: only https:// and http:// addresses can be read, not ${parsed.protocol}.` };
  }
  if (parsed.username || parsed.password) {
    return {
      ok: false,
      text: trimmed,
      message: `${trimmed}: an address with a user name or password is not read (Snapframe sends no credentials); give a signed or public address.`,
    };
  }
  return { ok: true, url: parsed.href, insecure: parsed.protocol === 'http:' };
}

/**
 * Reads a list of addresses, one per line (the page's "Video URL" field, the command line's `--urls` file): blank
 * lines and lines starting with `#` are left out.
 * @returns the addresses that can be read, in order and without repeats, and a sentence per line that cannot
 */
export function parseUrlList(text: string): { urls: string[]; problems: string[] } {
  const urls: string[] = [];
  const problems: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const checked = checkUrl(trimmed);
    if (!checked.ok) problems.push(checked.message);
    else if (!urls.includes(checked.url)) urls.push(checked.url);
  }
  return { urls, problems };
}

/**
 * The total size in a `Content-Range` header (RFC 9110 §14.4: `bytes 0-0/12345`), bytes, or null when absent or
 * unknown (`*`).
 */
export function contentRangeTotal(header: string | null): number | null {
  const match = header ? /^bytes\s+(?:\d+-\d+|\*)\/(\d+)\s*$/i.exec(header) : null;
  return match ? Number(match[1]) : null;
}
