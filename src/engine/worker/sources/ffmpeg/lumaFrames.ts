/**
 * ffmpeg.wasm luma frames: one exec decodes the range, scales it and writes gray frames (swscale's gray is
 * full range) one after another.
 */
import type { VideoInput } from '../../../videoInput';
import { InternalError } from '../../../../core/job/errors';
import { elementaryInputRate, parseShowinfoTimes, rawFramesOutput, seconds } from '../../../../core/decode/frameWindow';
import type { SourceInfo } from '../../../../core/job/types';
import type { OnLumaFrame } from '../../shots/lumaFrames';
import { OUT_DIR, type FfmpegHost } from './host';

const LUMA_OUT = `${OUT_DIR}/luma.gray`;
/** Decoding starts this long before the range, so a late seek still covers it (ms). */
const SEEK_MARGIN_MS = 1000;
/** Watchdog of one range exec: this plus 3 s per second of video. */
const RANGE_TIMEOUT_MS = 60_000;

/** ffmpeg.wasm: one exec over the range, gray frames `width` px wide appended to one file. */
export async function ffmpegLuma(
  host: FfmpegHost,
  file: VideoInput,
  source: SourceInfo,
  range: { fromMs: number; toMs: number },
  width: number,
  onFrame: OnLumaFrame,
): Promise<void> {
  const input = await host.mount(file);
  const height = Math.max(1, Math.round((source.height * width) / source.width));
  const origin = source.startTimeMs;
  const seekMs = range.fromMs - SEEK_MARGIN_MS;
  const rate = elementaryInputRate(source);
  const keep = `select=gte(t\\,${seconds(origin + range.fromMs)})*lt(t\\,${seconds(origin + range.toMs)})`;
  const chain = [`trim=end=${seconds(origin + range.toMs + 1)}`, keep, `scale=${width}:${height}:flags=area`, 'format=gray', 'showinfo'];
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'info',
    '-copyts',
    // A raw elementary stream is read from its start, its frames numbered at its rate (frameWindow.ts inputOptions).
    ...(rate ? ['-r', rate] : seekMs > 0 ? ['-ss', seconds(seekMs)] : []),
    '-i',
    input,
    ...rawFramesOutput(chain, 'gray', 'rawvideo', LUMA_OUT),
  ];
  const timeoutMs = RANGE_TIMEOUT_MS + 3 * Math.max(0, range.toMs - range.fromMs);
  const { lines } = await host.run('ffmpeg', args, timeoutMs);
  const bytes = await host.take(LUMA_OUT);
  const times = parseShowinfoTimes(lines).map((s) => Math.round((s * 1000 - origin) * 1000) / 1000);
  const size = width * height;
  if (!bytes || times.length === 0) return;
  if (bytes.byteLength !== times.length * size) {
    throw new InternalError(
      `The engine returned ${bytes.byteLength} bytes of gray frames for ${times.length} frames of ${width}x${height}.`,
      lines.slice(-20),
    );
  }
  for (const [i, ms] of times.entries()) {
    if (onFrame(ms, { data: bytes.subarray(i * size, (i + 1) * size), width, height })) break;
  }
}
