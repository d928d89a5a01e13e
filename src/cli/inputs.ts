/**
 * The command's inputs: files as given, folders walked recursively for video files (by extension; each is still
 * probed, so a non-video with a video extension fails with the page's sentence), one sorted list, its shard.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { uniqueFolderNames } from '../core/output/folders';
import { parseUrlList, remoteName } from '../core/remote/remoteVideo';

/** Extensions taken from folders (lower case, without the dot): containers Chromium or ffmpeg.wasm can open. */
export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  '264',
  '265',
  '3g2',
  '3gp',
  'asf',
  'avi',
  'divx',
  'dv',
  'f4v',
  'flv',
  'h264',
  'h265',
  'hevc',
  'ivf',
  'm2t',
  'm2ts',
  'm2v',
  'm4v',
  'mj2',
  'mjpeg',
  'mkv',
  'mov',
  'mp4',
  'mpeg',
  'mpg',
  'mts',
  'mxf',
  'nut',
  'ogm',
  'ogv',
  'qt',
  'rm',
  'rmvb',
  'ts',
  'vob',
  'webm',
  'wmv',
  'y4m',
]);

/** One video to do: its path or URL, and the name of its output folder (unique over the whole sorted list). */
export interface VideoInput {
  /** An absolute path, or an `https:`/`http:` URL (read by range by the page's engine: docs/URLS.md). */
  file: string;
  name: string;
}

async function walk(dir: string, skip: string, out: string[], seen = new Set<string>()): Promise<void> {
  const real = await fs.realpath(dir);
  if (seen.has(real)) return; // a link back up the tree
  seen.add(real);
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    // Symbolic links are followed (a folder of links to videos elsewhere is a common way to make a batch).
    const stat = entry.isSymbolicLink() ? await fs.stat(full).catch(() => null) : entry;
    if (!stat) continue;
    if (stat.isDirectory()) {
      if (full !== skip) await walk(full, skip, out, seen);
    } else if (stat.isFile() && VIDEO_EXTENSIONS.has(path.extname(entry.name).slice(1).toLowerCase())) {
      out.push(full);
    }
  }
}

/**
 * Every video of the inputs, sorted by path (code unit order, the same on every machine), duplicates removed.
 * @param inputs files and folders; files are taken whatever their extension.
 * @param outDir the output folder, never walked into.
 * @returns absolute paths with unique output names (core/output/folders.ts `uniqueFolderNames`: `flower`, `flower (2)`…).
 * @throws Error naming an input that does not exist.
 */
export async function collectVideos(inputs: readonly string[], outDir: string): Promise<VideoInput[]> {
  const files: string[] = [];
  const skip = path.resolve(outDir);
  for (const input of inputs) {
    if (isUrl(input)) {
      const { urls, problems } = parseUrlList(input);
      if (problems.length > 0) throw new Error(problems.join(' '));
      files.push(...urls);
      continue;
    }
    const full = path.resolve(input);
    const stat = await fs.stat(full).catch(() => null);
    if (!stat) throw new Error(`${input}: no such file or folder.`);
    if (stat.isDirectory()) await walk(full, skip, files);
    else files.push(full);
  }
  const sorted = [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const names = uniqueFolderNames(sorted.map((f) => (isUrl(f) ? remoteName(f) : path.basename(f))));
  return sorted.map((file, i) => ({ file, name: names[i]! }));
}

/** Whether a command-line input is a web address rather than a path. */
export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input.trim());
}

/**
 * Reads a `--urls` list: one address per line, blank lines and `#` comments left out (core/remote parseUrlList).
 * @returns the addresses, in the file's order
 * @throws Error naming the file and every line that is not an http(s) address
 */
export async function readUrlList(file: string): Promise<string[]> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new Error(`--urls ${file}: no such file.`);
  });
  const { urls, problems } = parseUrlList(text);
  if (problems.length > 0) throw new Error(`--urls ${file}: ${problems.join(' ')}`);
  return urls;
}

/**
 * Reads `--shard I/N`.
 * @returns `{ index, count }`, 0 ≤ index < count.
 * @throws Error with a sentence for anything else.
 */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new Error(`--shard must be I/N with 0 ≤ I < N (the I-th of N parts, 0-based), such as 0/4; "${text}" is not.`);
  }
  return { index, count };
}

/**
 * The I-th of N equal parts of a list, in order: items [⌊I·L/N⌋, ⌊(I+1)·L/N⌋). Every item is in exactly one part;
 * part sizes differ by at most one.
 */
export function shardOf<T>(items: readonly T[], shard: { index: number; count: number }): T[] {
  const start = Math.floor((shard.index * items.length) / shard.count);
  const end = Math.floor(((shard.index + 1) * items.length) / shard.count);
  return items.slice(start, end);
}
