/**
 * Consecutive frames of a time range as small luma planes, from either decoder (issue 14: the quality window and
 * the cut pass). WebCodecs: mediabunny decodes forward from the keyframe before the range and the Y plane of each
 * frame is copied and averaged down in JavaScript; ffmpeg.wasm: one exec decodes the range, scales it and writes
 * gray frames (swscale's full-range luma) one after another.
 */
import type { VideoSample } from 'mediabunny';
import { presentationMs } from '../../../core/decoderChoice';
import { InternalError } from '../../../core/errors';
import { downscaleLuma, expandLimitedRange, type LumaPlane } from '../../../core/frameQuality';
import { parseShowinfoTimes, seconds } from '../../../core/frameWindow';
import type { SourceInfo } from '../../../core/types';
import { OUT_DIR, type FfmpegHost } from '../ffmpegHost';
import type { WebCodecsSource } from '../webcodecs/source';

/** Where the frames come from: the open WebCodecs source, else ffmpeg.wasm. */
export interface LumaSource {
  host: FfmpegHost;
  browser: WebCodecsSource | null;
}

/**
 * Called with each frame in presentation order: its time (ms, SPEC clock) and its luma (full range). Returning true
 * asks to stop (honoured where decoding can stop: WebCodecs).
 */
export type OnLumaFrame = (ms: number, plane: LumaPlane) => boolean | void;

const LUMA_OUT = `${OUT_DIR}/luma.gray`;
/** Decoding starts this long before the range on the ffmpeg.wasm path, so a late seek still covers it (ms). */
const SEEK_MARGIN_MS = 1000;
/** Watchdog of one range exec: this plus 3 s per second of video. */
const RANGE_TIMEOUT_MS = 60_000;

/**
 * Decodes every frame with presentation time in [fromMs, toMs) and hands its luma, `width` px wide (height from the
 * aspect), to `onFrame`, in order.
 * @throws what the decoders throw (mediabunny / VideoDecoder errors; InternalError from ffmpeg.wasm)
 */
export async function forEachLumaFrame(
  from: LumaSource,
  file: File,
  source: SourceInfo,
  range: { fromMs: number; toMs: number },
  width: number,
  onFrame: OnLumaFrame,
): Promise<void> {
  if (from.browser) {
    for await (const sample of from.browser.framesBetween(range.fromMs, range.toMs)) {
      let stop: boolean | void;
      try {
        stop = onFrame(presentationMs(sample.timestamp, source.startTimeMs), await sampleLuma(sample, width));
      } finally {
        sample.close();
      }
      if (stop) break;
    }
    return;
  }
  await ffmpegLuma(from.host, file, source, range, width, onFrame);
}

/** One buffer reused for every frame's copy (a 1080p I420 frame is 3 MB). */
let scratch = new Uint8Array(0);

const YUV: ReadonlySet<string> = new Set(['I420', 'I420A', 'I422', 'I444', 'NV12', 'I420P10', 'I422P10', 'I444P10']);

/** The luma of a decoded sample, `width` px wide: its Y plane averaged down (coded orientation), full range. */
async function sampleLuma(sample: VideoSample, width: number): Promise<LumaPlane> {
  const format = String(sample.format ?? '');
  const size = sample.allocationSize();
  if (scratch.byteLength < size) scratch = new Uint8Array(size);
  const layout = await sample.copyTo(scratch.subarray(0, size));
  // copyTo copies the visible rectangle.
  const { width: w, height: h } = sample.visibleRect;
  const first = layout[0];
  if (!first) throw new InternalError(`A decoded ${format} frame had no planes.`);
  if (YUV.has(format) && !format.includes('P10')) {
    const plane = downscaleLuma(scratch.subarray(first.offset), w, h, first.stride, width);
    if (!sample.colorSpace.fullRange) expandLimitedRange(plane.data as Uint8Array);
    return plane;
  }
  if (YUV.has(format)) {
    // 10-bit planes: 16-bit little-endian samples, taken to 8 bits.
    const luma = new Uint8Array(w * h);
    for (let y = 0; y < h; y += 1) {
      const row = first.offset + y * first.stride;
      for (let x = 0; x < w; x += 1) luma[y * w + x] = (((scratch[row + 2 * x + 1] as number) << 8) | (scratch[row + 2 * x] as number)) >> 2;
    }
    const plane = downscaleLuma(luma, w, h, w, width);
    if (!sample.colorSpace.fullRange) expandLimitedRange(plane.data as Uint8Array);
    return plane;
  }
  if (format.startsWith('RGB') || format.startsWith('BGR')) {
    // BT.709 luma of 8-bit RGB (packed, 4 bytes a pixel).
    const [r, b] = format.startsWith('RGB') ? [0, 2] : [2, 0];
    const luma = new Uint8Array(w * h);
    for (let y = 0; y < h; y += 1) {
      for (let x = 0; x < w; x += 1) {
        const i = first.offset + y * first.stride + x * 4;
        luma[y * w + x] = Math.round(0.2126 * (scratch[i + r] as number) + 0.7152 * (scratch[i + 1] as number) + 0.0722 * (scratch[i + b] as number));
      }
    }
    return downscaleLuma(luma, w, h, w, width);
  }
  throw new InternalError(`Frames in ${format || 'this pixel format'} cannot be measured.`);
}

/** ffmpeg.wasm: one exec over the range, gray frames `width` px wide appended to one file. */
async function ffmpegLuma(
  host: FfmpegHost,
  file: File,
  source: SourceInfo,
  range: { fromMs: number; toMs: number },
  width: number,
  onFrame: OnLumaFrame,
): Promise<void> {
  const input = await host.mount(file);
  const height = Math.max(1, Math.round((source.height * width) / source.width));
  const origin = source.startTimeMs;
  const seekMs = range.fromMs - SEEK_MARGIN_MS;
  const keep = `select=gte(t\\,${seconds(origin + range.fromMs)})*lt(t\\,${seconds(origin + range.toMs)})`;
  const chain = [`trim=end=${seconds(origin + range.toMs + 1)}`, keep, `scale=${width}:${height}:flags=area`, 'format=gray', 'showinfo'];
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-copyts',
    ...(seekMs > 0 ? ['-ss', seconds(seekMs)] : []),
    '-i', input,
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-vf', chain.join(','),
    '-fps_mode', 'passthrough', '-c:v', 'rawvideo', '-pix_fmt', 'gray', '-f', 'rawvideo', '-y', LUMA_OUT,
  ];
  const timeoutMs = RANGE_TIMEOUT_MS + 3 * Math.max(0, range.toMs - range.fromMs);
  const { lines } = await host.run('ffmpeg', args, timeoutMs);
  const bytes = await host.take(LUMA_OUT);
  const times = parseShowinfoTimes(lines).map((s) => Math.round((s * 1000 - origin) * 1000) / 1000);
  const size = width * height;
  if (!bytes || times.length === 0) return;
  if (bytes.byteLength !== times.length * size) {
    throw new InternalError(`The engine returned ${bytes.byteLength} bytes of gray frames for ${times.length} frames of ${width}x${height}.`, lines.slice(-20));
  }
  for (const [i, ms] of times.entries()) {
    if (onFrame(ms, { data: bytes.subarray(i * size, (i + 1) * size), width, height })) break;
  }
}
