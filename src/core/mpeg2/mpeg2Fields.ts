/**
 * How MPEG-2 video pictures are coded as fields (ISO/IEC 13818-2 (2013) 6.2.2.3 sequence_extension, 6.2.3.1
 * picture_coding_extension): `progressive_sequence`, and per picture `picture_structure` (1 top field, 2 bottom
 * field, 3 frame), `top_field_first` and `progressive_frame`. Reads start codes and those few bits; nothing is decoded.
 */
import { pairFields, type CodedFrame } from '../probe/interlacing';

const PICTURE_START = 0x00;
const EXTENSION_START = 0xb5;
const SEQUENCE_EXTENSION = 1;
const PICTURE_CODING_EXTENSION = 8;

/**
 * The frames of the start of an MPEG-2 video elementary stream (or any run of its bytes: the start codes are found
 * wherever they are), as they are coded. MPEG-1 pictures (no picture coding extension) are progressive frames.
 * @param es elementary stream bytes from the start of a sequence or of any picture
 * @returns one entry per frame, field pictures paired (core/probe/interlacing.ts pairFields)
 */
export function mpeg2CodedFrames(es: Uint8Array): CodedFrame[] {
  let progressiveSequence = true;
  let pictures = 0;
  let pendingPicture = false;
  let openField = null as { field: 'top' | 'bottom'; id: number } | null;
  const out: Parameters<typeof pairFields>[0][number][] = [];
  const flushPending = () => {
    // A picture header with no coding extension: MPEG-1, a progressive frame.
    if (pendingPicture) out.push({ field: null, frameId: pictures, frame: { interlaced: false, topFieldFirst: null, coding: 'frame' } });
    pendingPicture = false;
  };
  for (let i = 0; i + 3 < es.length; i += 1) {
    if (es[i] !== 0 || es[i + 1] !== 0 || es[i + 2] !== 1) continue;
    const code = es[i + 3]!;
    if (code === PICTURE_START) {
      flushPending();
      pictures += 1;
      pendingPicture = true;
    } else if (code === EXTENSION_START && i + 8 < es.length) {
      const id = es[i + 4]! >> 4;
      if (id === SEQUENCE_EXTENSION) {
        // extension id (4), profile_and_level_indication (8), progressive_sequence (1)
        progressiveSequence = ((es[i + 5]! >> 3) & 1) === 1;
      } else if (id === PICTURE_CODING_EXTENSION && pendingPicture) {
        pendingPicture = false;
        // extension id (4), f_codes (16), intra_dc_precision (2), picture_structure (2), top_field_first (1),
        // frame_pred_frame_dct, concealment_motion_vectors, q_scale_type, intra_vlc_format, alternate_scan,
        // repeat_first_field, chroma_420_type (7), progressive_frame (1)
        const b6 = es[i + 6]!;
        const b7 = es[i + 7]!;
        const b8 = es[i + 8]!;
        const structure = b6 & 3;
        const topFieldFirst = (b7 >> 7) & 1;
        const progressiveFrame = (b8 >> 7) & 1;
        if (structure === 1 || structure === 2) {
          // The second field of a pair (the opposite parity, next) shares the first's frame id.
          const field = structure === 1 ? 'top' : 'bottom';
          const pair: number | null = openField !== null && openField.field !== field ? openField.id : null;
          out.push({ field, frameId: pair ?? pictures });
          openField = pair === null ? { field, id: pictures } : null;
        } else if (structure === 3) {
          openField = null;
          const interlaced = !progressiveSequence && progressiveFrame === 0;
          out.push({
            field: null,
            frameId: pictures,
            frame: { interlaced, topFieldFirst: interlaced ? topFieldFirst === 1 : null, coding: 'frame' },
          });
        }
      }
    }
  }
  flushPending();
  return pairFields(out);
}
