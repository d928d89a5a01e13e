import { parseKeyframeLines } from '../../../../core/decode/decodeRuns';
import { seconds } from '../../../../core/decode/frameWindow';
import { OUT_DIR, type FfmpegHost } from './host';

const PACKETS_OUT = `${OUT_DIR}/packets.json`;
const PACKETS_TIMEOUT_MS = 30_000;

/**
 * Presentation times of the first video stream's packets in [fromMs, toMs] (presentation time, container
 * start_time subtracted), read from the container index with ffprobe (`-read_intervals`, `-show_packets`):
 * nothing is decoded. Stops where the data ends in a truncated file.
 * @param originMs the container's start_time, ms (read_intervals takes stream timestamps)
 * @returns ms, in file order; empty when ffprobe reads nothing
 */
export async function readPacketTimes(host: FfmpegHost, input: string, originMs: number, fromMs: number, toMs: number): Promise<number[]> {
  const interval = `${seconds(originMs + fromMs)}%${seconds(originMs + toMs)}`;
  await host.run(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-read_intervals',
      interval,
      '-show_entries',
      'packet=pts_time',
      '-of',
      'json',
      input,
      '-o',
      PACKETS_OUT,
    ],
    PACKETS_TIMEOUT_MS,
  );
  const bytes = await host.take(PACKETS_OUT);
  if (!bytes) return [];
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { packets?: { pts_time?: string }[] };
    return (json.packets ?? []).map((p) => Number(p.pts_time) * 1000 - originMs).filter((t) => Number.isFinite(t));
  } catch {
    return [];
  }
}

/**
 * Presentation times of the first video stream's keyframes (packet flag K) in the given spans, from the container
 * index with ffprobe (`-read_intervals` with one interval per span, `-show_packets`): nothing is decoded. Each
 * interval starts at the keyframe at or before its start (ffprobe seeks there), so the keyframe of a span's first
 * time is included when the index has it; in MPEG-TS, which has no index, the seek may land after it (seen: a seek to
 * the stream's first packet, 1.462 s, read from 2.483 s). A span from 0 is read from the first packet, without a seek.
 * @param spans [fromMs, toMs] presentation-time spans, ascending (core/decodeRuns.indexSpans)
 * @param originMs the container's start_time, ms
 * @returns keyframe times, ms, ascending, deduplicated; empty when ffprobe reads nothing
 */
export async function readKeyframeTimes(
  host: FfmpegHost,
  input: string,
  originMs: number,
  spans: ReadonlyArray<readonly [number, number]>,
): Promise<number[]> {
  if (spans.length === 0) return [];
  const intervals = spans.map(([from, to]) => `${from > 0 ? seconds(originMs + from) : ''}%${seconds(originMs + to)}`).join(',');
  await host.run(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-read_intervals',
      intervals,
      '-show_entries',
      'packet=pts_time,flags',
      '-of',
      'compact=p=0:nk=1',
      input,
      '-o',
      PACKETS_OUT,
    ],
    PACKETS_TIMEOUT_MS,
  );
  const bytes = await host.take(PACKETS_OUT);
  if (!bytes) return [];
  return parseKeyframeLines(new TextDecoder().decode(bytes), originMs);
}
