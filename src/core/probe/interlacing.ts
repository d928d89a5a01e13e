/**
 * Whether a video is interlaced, and how: what the coded pictures say (H.264: core/h264/avcFields.ts; MPEG-2:
 * core/mpeg2/mpeg2Fields.ts), summed up over the first frames of the stream for the video details and manifest.json.
 * The rule for one frame is libavcodec's (ffmpeg 5.1, which gives AVFrame `interlaced_frame` and `top_field_first`):
 * H.264 frames are interlaced when coded as two field pictures (PAFF) or as an MBAFF frame, top field first when the
 * top field's picture order count is the lower (h264_picture.c, h264_slice.c); MPEG-2 frames when
 * `progressive_frame` is 0, top field first from `top_field_first`, or for field pictures from which field comes first
 * (mpeg12dec.c). H.264 pic_struct SEI messages are not read.
 */

/** How one frame (a frame picture, or the pair of field pictures that make it) was coded. */
export type FrameCoding = 'frame' | 'mbaff' | 'field';

/** One frame as the bitstream codes it. */
export interface CodedFrame {
  /** The frame holds two fields of different instants (ffmpeg's AVFrame `interlaced_frame`). */
  interlaced: boolean;
  /** Top field first; null where the stream does not say (progressive frames, equal field order counts). */
  topFieldFirst: boolean | null;
  /**
   * `frame`: one frame picture (MPEG-2 frame picture, H.264 frame without MBAFF); `mbaff`: an H.264 frame whose
   * macroblock pairs may be field-coded; `field`: two field pictures (H.264 PAFF, MPEG-2 field pictures).
   */
  coding: FrameCoding;
}

/**
 * Field order: `progressive` (no frame interlaced), `tff`/`bff` (every interlaced frame top/bottom field first),
 * `mixed` (both orders, or progressive and interlaced frames in one stream), `unknown` (interlaced frames whose
 * field order the coding does not give: equal field order counts, POC types 1 and 2).
 */
export type FieldOrder = 'progressive' | 'tff' | 'bff' | 'mixed' | 'unknown';

/** What the details and manifest.json say of a video's interlacing. */
export interface Interlacing {
  fieldOrder: FieldOrder;
  /** The codings of the interlaced frames seen, in the order `field`, `mbaff`, `frame`; empty when progressive. */
  coding: FrameCoding[];
  /** The codec's words for that coding: "PAFF", "MBAFF", "PAFF + MBAFF", "field pictures", "frame pictures"… */
  codingName: string;
  /** How many frames from the start of the stream were read to say so. */
  framesRead: number;
}

const AVC_NAMES: Record<FrameCoding, string> = { field: 'PAFF', mbaff: 'MBAFF', frame: 'interlaced frames' };
const MPEG2_NAMES: Record<FrameCoding, string> = { field: 'field pictures', mbaff: 'MBAFF', frame: 'frame pictures' };

/**
 * Sums up the first frames of a stream.
 * @param frames in decoding order (at least one)
 * @param codec whose words name the coding (`h264` or `mpeg2video`, ffprobe's names)
 * @returns null when `frames` is empty
 */
export function summarizeInterlacing(frames: readonly CodedFrame[], codec: 'h264' | 'mpeg2video'): Interlacing | null {
  if (frames.length === 0) return null;
  const interlaced = frames.filter((f) => f.interlaced);
  const orders = new Set(interlaced.map((f) => f.topFieldFirst).filter((t): t is boolean => t !== null));
  let fieldOrder: FieldOrder;
  if (interlaced.length === 0) fieldOrder = 'progressive';
  else if (orders.size === 2 || interlaced.length < frames.length) fieldOrder = 'mixed';
  else if (orders.size === 0) fieldOrder = 'unknown';
  else fieldOrder = orders.has(false) ? 'bff' : 'tff';
  const coding = (['field', 'mbaff', 'frame'] as const).filter((c) => interlaced.some((f) => f.coding === c));
  const names = codec === 'h264' ? AVC_NAMES : MPEG2_NAMES;
  return {
    fieldOrder,
    coding,
    codingName: coding.length === 0 ? 'progressive' : coding.map((c) => names[c]).join(' + '),
    framesRead: frames.length,
  };
}

/**
 * Pairs pictures into frames: a field picture followed by the opposite field with the same frame number is one frame,
 * in the order the fields come; a lone field is a frame of its own (top first if it is the top field).
 * @param pictures in decoding order; `field` is null for a frame picture, `frameId` groups the fields of one frame
 *   (H.264 frame_num; MPEG-2 a running count of picture headers after the first field's)
 */
export function pairFields(
  pictures: readonly {
    field: 'top' | 'bottom' | null;
    frameId: number;
    frame?: Omit<CodedFrame, 'coding'> & { coding: 'frame' | 'mbaff' };
  }[],
): CodedFrame[] {
  const frames: CodedFrame[] = [];
  let open: { field: 'top' | 'bottom'; frameId: number } | null = null;
  for (const p of pictures) {
    if (p.field === null) {
      if (open) frames.push({ interlaced: true, topFieldFirst: open.field === 'top', coding: 'field' });
      open = null;
      frames.push(p.frame ?? { interlaced: false, topFieldFirst: null, coding: 'frame' });
      continue;
    }
    if (open && open.field !== p.field && open.frameId === p.frameId) {
      frames.push({ interlaced: true, topFieldFirst: open.field === 'top', coding: 'field' });
      open = null;
      continue;
    }
    if (open) frames.push({ interlaced: true, topFieldFirst: open.field === 'top', coding: 'field' });
    open = { field: p.field, frameId: p.frameId };
  }
  if (open) frames.push({ interlaced: true, topFieldFirst: open.field === 'top', coding: 'field' });
  return frames;
}

/** "interlaced, top field first (MBAFF)", "progressive"…: the details' words. */
export function interlacingSentence(i: Interlacing): string {
  if (i.fieldOrder === 'progressive') return 'progressive';
  const order = { tff: 'top field first', bff: 'bottom field first', mixed: 'mixed field order', unknown: 'field order not given' }[
    i.fieldOrder
  ];
  return `interlaced, ${order} (${i.codingName})`;
}
