/**
 * `snapframe`: the page's engine over files and folders, headless. A thin layer over the Node API
 * (node.ts): arguments (commander), the list of videos (inputs.ts), `--jobs` videos at a time, progress
 * (reporter.ts). Exit status 0: every video done (or skipped by --skip-existing); 1: at least one failed; 2: bad
 * arguments; 130: stopped by Ctrl+C (finished videos are complete, the others leave nothing behind).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { toSnapframeError } from '../core/job/errors';
import type { SpecInput } from '../core/job/spec';
import { collectVideos, parseShard, readUrlList, shardOf, type VideoInput } from './inputs';
import { openEngine, snapshot, type SnapframeEngine } from './node';
import { barsReporter, jsonReporter, plainReporter, type Reporter } from './reporter';
import { specFromFile } from './specFile';
import { UsageError, argumentProblems, specInputFrom, type SpecOptions } from './specArgs';

interface CommandOptions extends SpecOptions {
  spec?: string;
  out: string;
  zip?: boolean;
  jobs: string;
  shard?: string;
  urls?: string;
  variant?: string;
  skipExisting?: boolean;
  json?: boolean;
}

function program(): Command {
  return new Command('snapframe')
    .description(
      "Exact video snapshots, interval snapshots and sprite sheets with WebVTT, made by the Snapframe page's own engine in headless Chromium.",
    )
    .argument('[inputs...]', 'videos, folders walked recursively for video files, or https:// / http:// addresses of videos')
    .option('--offsets <list>', 'times as the page takes them: 1500, 1.5s, 0:01.5, 10%  (mode: time offsets)')
    .option('--interval <s>', 'seconds between snapshots (0: spread --count evenly), or a percentage such as 10%  (mode: interval)')
    .option('--count <n>', 'how many snapshots at most (empty: as many as fit)')
    .option('--start <time>', 'the first time (default 0)')
    .option('--sprite <COLUMNSxLINES>', 'sprite sheets of the interval times, e.g. 10x10  (mode: sprite sheet)')
    .option('--cell <WIDTHxHEIGHT>', 'sprite cell size in px, e.g. 160x90 (160x: the height follows the video)')
    .option('--padding <px>', 'space between cells')
    .option('--margin <px>', 'space around the cells')
    .option('--color <c>', 'sheet background: a CSS colour name or #rrggbb')
    .option('--keep-cells', 'also write every cell as its own image')
    .option('--no-vtt', 'no thumbnails.vtt with the sheets')
    .option('--trickplay <formats>', 'trickplay files, any of bif,hls,dash,jellyfin (or all); hls, dash and jellyfin need --sprite')
    .option('--width <px>', 'output width, 8-4096 (one side given: the other follows the video)')
    .option('--height <px>', 'output height, 8-4096')
    .addOption(
      new Option('--fit <fit>', 'when both sides are given: letterbox colour, or stretch').choices(['black', 'white', 'gauss', 'stretch']),
    )
    .addOption(new Option('--format <format>', 'image format').choices(['jpg', 'png', 'webp']))
    .option('--quality <q>', 'image quality 1-100 (default 85)')
    .option('--keyframes', 'the keyframe at or before each time (fast) instead of the exact frame')
    .addOption(
      new Option(
        '--deinterlace <mode>',
        'auto: deinterlace videos read as interlaced (default); on: every video; off: fields woven',
      ).choices(['auto', 'on', 'off']),
    )
    .option('--user-data <json>', 'any JSON up to 64 KB, carried into manifest.json')
    .option(
      '--spec <file>',
      'a spec as JSON: a preset exported by the page, or a vendor request (Alibaba SubmitSnapshotJob, Tencent, ZEGO MediaThumbnails); options given override it',
    )
    .option('-o, --out <dir>', "output folder: <dir>/<video name>/ receives what the page's zip holds", 'snapframe-out')
    .option('--zip', 'write <dir>/<video name>_snapshots.zip instead')
    .option('--jobs <n>', 'videos in flight at once', '1')
    .option('--urls <file>', 'also read the videos at the addresses in <file>, one per line (read by range, never downloaded whole)')
    .option('--variant <n>', 'HLS master playlists: the variant to read, 0 = the highest bandwidth (default), 1 the next…')
    .option('--shard <I/N>', 'only the I-th of N equal parts of the sorted list of inputs (0-based)')
    .option('--skip-existing', 'skip a video whose <dir>/<video name>/manifest.json (or zip) already exists')
    .option('--json', 'one JSON object per line on stdout: queued, progress, finished, failed, skipped, summary')
    .addHelpText(
      'after',
      "\nExit status: 0 every video done, 1 at least one failed, 2 bad arguments, 130 stopped (Ctrl+C).\nChromium: $SNAPFRAME_CHROMIUM, else chromium/google-chrome on PATH, else Playwright's download.",
    )
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
}

/** The command-line options that were typed (not commander's defaults). */
function given(cmd: Command): SpecOptions {
  const options = cmd.opts<CommandOptions>();
  const out: Record<string, unknown> = {};
  for (const key of [
    'offsets',
    'interval',
    'count',
    'start',
    'sprite',
    'cell',
    'padding',
    'margin',
    'color',
    'keepCells',
    'vtt',
    'trickplay',
    'width',
    'height',
    'fit',
    'format',
    'quality',
    'keyframes',
    'deinterlace',
    'userData',
  ] as const) {
    if (cmd.getOptionValueSource(key) === 'cli') out[key] = options[key];
  }
  return out as SpecOptions;
}

function readSpec(file: string | undefined): Partial<SpecInput> | null {
  if (file === undefined) return null;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--spec ${file}: the file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    return specFromFile(text, path.basename(file));
  } catch (error) {
    throw new UsageError(`--spec: ${toSnapframeError(error).message}`);
  }
}

/** Runs `fn`; an Error it throws is a bad argument (exit 2). */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `--variant`: a whole number from 0 (the highest bandwidth of an HLS master; past the last: the lowest). */
function variantOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--variant must be a whole number from 0 (the highest bandwidth); "${text}" is not.`);
  }
  return n;
}

function jobsOf(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64; "${text}" is not.`);
  return n;
}

async function run(argv: string[]): Promise<number> {
  const cmd = program();
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const options = cmd.opts<CommandOptions>();
  let input: SpecInput;
  let videos: VideoInput[];
  let jobs: number;
  let variant: number | undefined;
  try {
    // Nothing to work on is said first, before the spec's problems (commander's own words, then what to do).
    if (((cmd.processedArgs[0] as string[] | undefined) ?? []).length === 0 && options.urls === undefined) {
      throw new UsageError("missing required argument 'inputs': give at least one video, folder or address (or --urls <file>).");
    }
    input = specInputFrom(given(cmd), readSpec(options.spec));
    const problems = argumentProblems(input);
    if (problems.length > 0) throw new UsageError(problems.join('\n'));
    jobs = jobsOf(options.jobs);
    variant = variantOf(options.variant);
    const shard = options.shard === undefined ? null : usage(() => parseShard(options.shard!));
    const listed =
      options.urls === undefined ? [] : await readUrlList(options.urls).catch((e: Error) => Promise.reject(new UsageError(e.message)));
    const named = [...((cmd.processedArgs[0] as string[] | undefined) ?? []), ...listed];
    if (named.length === 0) throw new UsageError('Give at least one video, folder or address (or --urls <file>).');
    const all = await collectVideos(named, options.out).catch((e: Error) => {
      throw new UsageError(e.message);
    });
    videos = shard ? shardOf(all, shard) : all;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`snapframe: ${error.message}\nRun snapframe --help for the options.\n`);
    return 2;
  }

  const reporter: Reporter = options.json ? jsonReporter() : process.stderr.isTTY ? barsReporter(videos.length) : plainReporter();
  const stop = new AbortController();
  const onSigint = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
    process.stderr.write('\nStopping: finished videos are kept; the ones in progress are cancelled (Ctrl+C again to quit now).\n');
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const t0 = performance.now();
  const counts = { finished: 0, failed: 0, skipped: 0 };
  let engine: SnapframeEngine | null = null;
  try {
    const queue = [...videos];
    for (const v of videos) reporter.report({ event: 'queued', video: v.file, name: v.name });
    const todo: VideoInput[] = [];
    for (const v of queue) {
      const existing = path.join(options.out, options.zip ? `${v.name}_snapshots.zip` : path.join(v.name, 'manifest.json'));
      if (options.skipExisting && fs.existsSync(existing)) {
        counts.skipped++;
        reporter.report({ event: 'skipped', video: v.file, path: path.dirname(existing), reason: `${existing} exists` });
      } else todo.push(v);
    }
    if (todo.length > 0) {
      try {
        engine = await openEngine({ jobs: Math.min(jobs, todo.length) });
      } catch (error) {
        reporter.stop();
        process.stderr.write(`snapframe: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
    }
    const worker = async () => {
      for (let v = todo.shift(); v && !stop.signal.aborted; v = todo.shift()) {
        const started = performance.now();
        try {
          const result = await snapshot(v.file, input, {
            outDir: options.out,
            name: v.name,
            zip: options.zip ?? false,
            engine: engine!,
            signal: stop.signal,
            ...(variant !== undefined ? { variant } : {}),
            onProgress: (p) => {
              if (p.phase === 'running') reporter.report({ event: 'progress', video: v.file, done: p.done, total: p.total });
            },
          });
          counts.finished++;
          reporter.report({
            event: 'finished',
            video: v.file,
            path: result.path,
            files: result.files,
            decoder: result.decoder,
            skipped: result.skipped.length,
            ms: Math.round(performance.now() - started),
          });
        } catch (raw) {
          const error = toSnapframeError(raw);
          // After Ctrl+C, whatever ends a video in progress is the stop, not a failure of that video.
          if (stop.signal.aborted) break;
          counts.failed++;
          reporter.report({
            event: 'failed',
            video: v.file,
            code: error.code,
            message: error.message,
            ms: Math.round(performance.now() - started),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: engine?.jobs ?? 0 }, worker));
  } finally {
    await engine?.close();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  const notDone = videos.length - counts.finished - counts.failed - counts.skipped;
  reporter.report({ event: 'summary', ...counts, notDone, ms: Math.round(performance.now() - t0) });
  reporter.stop();
  if (stop.signal.aborted) return 130;
  return counts.failed > 0 ? 1 : 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`snapframe: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
