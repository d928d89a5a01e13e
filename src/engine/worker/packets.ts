import { seconds } from '../../core/frameWindow';
import { OUT_DIR, type FfmpegHost } from './ffmpegHost';

const PACKETS_OUT = `${OUT_DIR}/packets.json`;
const PACKETS_TIMEOUT_MS = 30_000;

/**
 * Presentation times of the first video stream's packets in [fromMs, toMs] (presentation time, container
 * start_time subtracted), read from the container index with ffprobe (`-read_intervals`, `-show_packets`):
 * nothing is decoded. Stops where the data ends in a truncated file.
 * @param originMs the container's start_time, ms (read_intervals takes stream timestamps)
 * @returns ms, in file order; empty when ffprobe reads nothing
 */
export async function readPacketTimes(
  host: FfmpegHost,
  input: string,
  originMs: number,
  fromMs: number,
  toMs: number,
): Promise<number[]> {
  const interval = `${seconds(originMs + fromMs)}%${seconds(originMs + toMs)}`;
  await host.run(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-read_intervals', interval, '-show_entries', 'packet=pts_time',
      '-of', 'json', input, '-o', PACKETS_OUT],
    PACKETS_TIMEOUT_MS,
  );
  const bytes = await host.take(PACKETS_OUT);
  if (!bytes) return [];
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { packets?: { pts_time?: string }[] };
    return (json.packets ?? [])
      .map((p) => Number(p.pts_time) * 1000 - originMs)
      .filter((t) => Number.isFinite(t));
  } catch {
    return [];
  }
}
