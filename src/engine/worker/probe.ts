import { SnapframeError, UnsupportedMediaError } from '../../core/errors';
import { sourceInfoFromProbe, type FfprobeJson } from '../../core/probeInfo';
import type { SourceInfo } from '../../core/types';
import { OUT_DIR, type FfmpegHost } from './ffmpegHost';

const PROBE_TIMEOUT_MS = 30_000;
const PROBE_OUT = `${OUT_DIR}/probe.json`;

/** The most telling line of ffprobe's error output, without the "/in/name: " prefix. */
function ffprobeReason(lines: string[], input: string): string | null {
  const line = [...lines].reverse().find((l) => l.trim() !== '' && !l.startsWith('Aborted'));
  return line ? line.replace(`${input}: `, '').trim() : null;
}

function notAVideo(name: string, reason: string | null, logTail?: string[]): UnsupportedMediaError {
  const said = reason ? ` (ffmpeg says: "${reason}")` : '';
  return new UnsupportedMediaError(
    `${name} could not be read as a video${said}. If it is a video, it may be incomplete or damaged; ` +
      'otherwise choose a video file (MP4, MOV, WebM, MKV, AVI, MPEG-TS…).',
    logTail,
  );
}

/**
 * Reads a file's streams with ffprobe (`-show_format -show_streams -of json`) on the mounted file.
 * @returns display geometry, duration (ms), codec, frame rate… (see SourceInfo)
 * @throws UnsupportedMediaError for empty files, non-video data (including data that crashes the engine, as
 *   an HTML page does: ENGINE-FACTS.md), audio-only files; FileUnreadableError when the file is gone
 */
export async function probeFile(host: FfmpegHost, file: File): Promise<SourceInfo> {
  if (file.size === 0) {
    throw new UnsupportedMediaError(`${file.name} is empty (0 bytes). Choose the complete video file.`);
  }
  const input = await host.mount(file);
  let result;
  try {
    result = await host.run(
      'ffprobe',
      ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', input, '-o', PROBE_OUT],
      PROBE_TIMEOUT_MS,
    );
  } catch (error) {
    if (error instanceof SnapframeError && error.code === 'InternalError') {
      throw notAVideo(file.name, 'the data made the decoder fail', error.logTail);
    }
    throw error;
  }
  // ffprobe in @ffmpeg/core 0.12.10 exits with -1 even when it succeeds, so the output decides, not the code.
  const bytes = await host.take(PROBE_OUT);
  let json: FfprobeJson | null = null;
  try {
    json = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as FfprobeJson) : null;
  } catch {
    json = null;
  }
  if (!json?.format || !json.streams?.length) {
    throw notAVideo(file.name, ffprobeReason(result.lines, input), host.logTail());
  }
  return sourceInfoFromProbe(json, file);
}
