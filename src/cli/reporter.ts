/**
 * What the command shows while it works. On a terminal: a bar per video in flight and one overall, with time left
 * (cli-progress). Without a terminal: one plain line per finished video. With `--json`: one JSON object per line
 * (`queued`, `progress`, `finished`, `failed`, `skipped`, then `summary`), nothing animated. Failures always go to
 * stderr as the page's sentence, naming the file.
 */
import cliProgress from 'cli-progress';

export type RunEvent =
  | { event: 'queued'; video: string; name: string }
  | { event: 'progress'; video: string; done: number; total: number }
  | { event: 'finished'; video: string; path: string; files: string[]; decoder: string; skipped: number; ms: number }
  | { event: 'failed'; video: string; code: string; message: string; ms: number }
  | { event: 'skipped'; video: string; path: string; reason: string }
  | { event: 'summary'; finished: number; failed: number; skipped: number; notDone: number; ms: number };

export interface Reporter {
  report(event: RunEvent): void;
  /** Ends the bars (the terminal gets its cursor back). */
  stop(): void;
}

/** One JSON object per line on stdout; failures also as sentences on stderr. */
export function jsonReporter(): Reporter {
  return {
    report(event) {
      process.stdout.write(`${JSON.stringify(event)}\n`);
      if (event.event === 'failed') process.stderr.write(`${event.message}\n`);
    },
    stop() {},
  };
}

/** Plain lines for logs and pipes. */
export function plainReporter(): Reporter {
  return {
    report(event) {
      if (event.event === 'finished')
        process.stdout.write(`done ${event.path} (${event.files.length} files, ${(event.ms / 1000).toFixed(1)} s)\n`);
      else if (event.event === 'skipped') process.stdout.write(`skipped ${event.video}: ${event.reason}\n`);
      else if (event.event === 'failed') process.stderr.write(`${event.message}\n`);
      else if (event.event === 'summary') process.stdout.write(summaryLine(event));
    },
    stop() {},
  };
}

function summaryLine(e: Extract<RunEvent, { event: 'summary' }>): string {
  const parts = [`${e.finished} done`, `${e.failed} failed`];
  if (e.skipped) parts.push(`${e.skipped} skipped`);
  if (e.notDone) parts.push(`${e.notDone} not done (stopped)`);
  return `${parts.join(', ')} in ${(e.ms / 1000).toFixed(1)} s\n`;
}

/** Progress bars on a terminal (stderr, so stdout stays clean for pipes). */
export function barsReporter(totalVideos: number): Reporter {
  const multi = new cliProgress.MultiBar(
    {
      clearOnComplete: false,
      hideCursor: true,
      etaBuffer: 20,
      format: ' {bar} {percentage}% | {value}/{total} {unit} | ETA {eta_formatted} | {label}',
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const overall = multi.create(totalVideos, 0, { label: 'all videos', unit: 'videos' });
  const bars = new Map<string, cliProgress.SingleBar>();
  const label = (video: string) => (video.length > 50 ? `…${video.slice(-49)}` : video);
  const done = () => overall.increment();
  return {
    report(event) {
      switch (event.event) {
        case 'progress': {
          let bar = bars.get(event.video);
          if (!bar) {
            bar = multi.create(event.total, 0, { label: label(event.video), unit: 'images' });
            bars.set(event.video, bar);
          }
          bar.setTotal(event.total);
          bar.update(event.done);
          break;
        }
        case 'finished':
        case 'failed':
        case 'skipped': {
          const bar = bars.get(event.video);
          if (bar) multi.remove(bar);
          bars.delete(event.video);
          done();
          if (event.event === 'failed') multi.log(`${event.message}\n`);
          else if (event.event === 'finished') multi.log(`done ${event.path}\n`);
          break;
        }
        case 'summary':
          multi.stop();
          process.stderr.write(summaryLine(event));
          break;
        default:
          break;
      }
    },
    stop: () => multi.stop(),
  };
}
