/**
 * Running the `snapframe` command (bin/snapframe.mjs) as a user does, from the checkout: a child `node` process
 * with the test run's environment (SNAPFRAME_DIST, SNAPFRAME_CHROMIUM pass through), its output collected.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './media';

export const CLI = path.join(repoRoot, 'bin', 'snapframe.mjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running command: its process, output so far, and its end. */
export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  done: Promise<CliResult>;
}

/** Starts `node bin/snapframe.mjs ...args` in `cwd` (default the repo). */
export function startCli(args: readonly string[], options: { cwd?: string } = {}): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, stdout: () => stdout, done };
}

export function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** stdout of a `--json` run as objects; throws (failing the test) on a line that does not parse. */
export function jsonLines(stdout: string): Array<Record<string, unknown> & { event: string }> {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown> & { event: string };
      } catch {
        throw new Error(`--json printed a line that is not JSON: ${JSON.stringify(line)}`);
      }
    });
}

/** Every file under `dir`, relative, sorted (`flower/manifest.json`…). */
export function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
