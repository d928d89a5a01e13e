/**
 * The image track the tile formats (HLS, DASH, Jellyfin) describe: a job's sprite sheets, one thumbnail every
 * `intervalMs` from 0, `columns × lines` thumbnails per sheet.
 */
export interface TileTrack {
  /** Time between thumbnails, whole ms > 0; thumbnail k shows the frame at k × intervalMs. */
  intervalMs: number;
  /** The video's duration, ms: the last sheet's time ends there. */
  durationMs: number;
  /** One thumbnail, px. */
  cellWidth: number;
  cellHeight: number;
  /** Thumbnails across and down each sheet. */
  columns: number;
  lines: number;
  /** The sheets in time order: file name (relative to the playlist), encoded size in bytes, thumbnails on it. */
  sheets: ReadonlyArray<{ name: string; bytes: number; cells: number }>;
}

/** Where sheet `index` starts and ends, ms: from its first thumbnail to the next sheet's, or the video's end. */
export function sheetSpan(track: TileTrack, index: number): { startMs: number; endMs: number } {
  const perSheet = track.columns * track.lines * track.intervalMs;
  const startMs = index * perSheet;
  return { startMs, endMs: Math.min(startMs + perSheet, track.durationMs) };
}

/**
 * The track's peak bit rate, bits per second (rounded up): the largest sheet's bits over its time span, as HLS
 * BANDWIDTH ("peak segment bit rate", RFC 8216 §4.3.4.2) and DASH @bandwidth want it; at least 1.
 */
export function peakBandwidth(track: TileTrack): number {
  let peak = 1;
  track.sheets.forEach((sheet, index) => {
    const { startMs, endMs } = sheetSpan(track, index);
    const seconds = Math.max(endMs - startMs, 1) / 1000;
    peak = Math.max(peak, Math.ceil((sheet.bytes * 8) / seconds));
  });
  return peak;
}

/** Whole ms as decimal seconds with three decimals and no binary-fraction error: 10000 → `10.000`, 2500 → `2.500`. */
export function secondsText(ms: number): string {
  const whole = Math.round(ms);
  return `${Math.floor(whole / 1000)}.${String(whole % 1000).padStart(3, '0')}`;
}
