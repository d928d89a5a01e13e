/**
 * The clip matrix: short test clips made at test time with Debian's ffmpeg (libx264, libx265), one per
 * kind of file people actually have: {H.264, HEVC} x {MP4, MOV, MKV, MPEG-TS} x {no B-frames, B-frames, B-pyramid,
 * open GOP}, plus HEVC in MPEG-TS starting near 0 and at 16.8 s (an HLS segment), an MKV written as a live stream
 * (no Duration, no Cues) and an MP4 whose video starts two frames after its audio with no edit list.
 *
 * Every clip is 2.5 s of `testsrc2` (320x180, 24 fps: every frame differs, frame times are not whole ms) with a
 * sine tone in AAC, a keyframe every second (so times in the second and third GOP need a seek). Clips are written
 * into `${SNAPFRAME_CLIPS_DIR:-<os tmpdir>/snapframe-clips}/<hash of the recipes and the ffmpeg version>/`,
 * atomically (temp name + rename), and reused by later tests and runs: a clip is made once, whatever the number of
 * Playwright workers. Never into the repository.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const FFMPEG = process.env.SNAPFRAME_FFMPEG ?? 'ffmpeg';
const FFPROBE = process.env.SNAPFRAME_FFPROBE ?? 'ffprobe';

export type ClipCodec = 'h264' | 'hevc' | 'vp9' | 'mpeg2' | 'av1';
/** Containers, and raw elementary streams (`h264`, `hevc`, `m2v`) and IVF, which have none or almost none. */
export type ClipContainer = 'mp4' | 'mov' | 'mkv' | 'ts' | 'webm' | 'h264' | 'hevc' | 'm2v' | 'ivf' | 'avif';
/** GOP structure: no B-frames, B-frames (no pyramid), B-pyramid (B-frames used as references), open GOP. */
export type ClipGop = 'no-b' | 'b-frames' | 'b-pyramid' | 'open-gop';

export const CLIP_CODECS: readonly ClipCodec[] = ['h264', 'hevc'];
export const CLIP_CONTAINERS: readonly ClipContainer[] = ['mp4', 'mov', 'mkv', 'ts'];
export const CLIP_GOPS: readonly ClipGop[] = ['no-b', 'b-frames', 'b-pyramid', 'open-gop'];

/** One clip: its file name and how ffmpeg makes it. */
export interface ClipRecipe {
  /** File name, e.g. `hevc-open-gop.ts`; unique. */
  name: string;
  codec: ClipCodec;
  container: ClipContainer;
  gop: ClipGop;
  /** What the clip stands for, for reports. */
  what: string;
  /** Extra muxer options (after the codecs), e.g. `-output_ts_offset 16.8`. */
  muxArgs?: string[];
  /** Write to a pipe instead of a file (Matroska then has no Duration and no Cues, as a live recorder writes). */
  pipe?: boolean;
  /**
   * Instead of encoding: a stream copy of this clip (by name, from {@link matrixClips}) from `cutSec` on, keeping the
   * packets before the next keyframe (`-copyinkf`): a file that starts in the middle of a GOP, as a cutter that copies
   * streams leaves it. The decoder has the parameter sets (MKV keeps them in CodecPrivate) but not the references.
   */
  cutFrom?: { name: string; cutSec: number };
  /** Instead of encoding: a stream copy of this clip (by name, a matrix or extra clip) with these output options. */
  remuxFrom?: { name: string; args: string[] };
  /** Output size (px) the matrix asks for, when not 320x180 (a rotated clip's display is portrait). */
  outputSize?: { width: number; height: number };
  /** Instead of the matrix's encoders: the video encoder and muxer options (video only, from `testsrc2`). */
  videoArgs?: string[];
  /** Instead of the matrix's source and encoder: these input and video encoder arguments (the interlaced clips). */
  encode?: string[];
  /**
   * Instead of one encode: raw H.264 streams made by these ffmpeg arguments (each without its output), joined byte
   * for byte (each starts with its own parameter sets and an IDR picture) and muxed at `rate` frames a second.
   */
  joined?: { parts: string[][]; rate: number };
}

/** Seconds of video in every clip. */
export const CLIP_SECONDS = 2.5;
/** Frame rate (fps) and keyframe interval (frames) of every clip. */
export const CLIP_FPS = 24;
const KEYINT = 24;

const SOURCE = [
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=320x180:rate=${CLIP_FPS}:duration=${CLIP_SECONDS}`,
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:sample_rate=48000:duration=${CLIP_SECONDS}`,
];

const X264_GOP: Record<ClipGop, string> = {
  'no-b': 'bframes=0',
  'b-frames': 'bframes=2:b-pyramid=none:b-adapt=0',
  'b-pyramid': 'bframes=3:b-pyramid=normal:b-adapt=0',
  'open-gop': 'bframes=3:b-pyramid=normal:b-adapt=0:open-gop=1',
};
/** x265 opens GOPs (CRA + RASL pictures) by default: the others close them (IDR). */
const X265_GOP: Record<ClipGop, string> = {
  'no-b': 'bframes=0:open-gop=0',
  'b-frames': 'bframes=2:b-pyramid=0:b-adapt=0:open-gop=0',
  'b-pyramid': 'bframes=4:b-pyramid=1:b-adapt=0:open-gop=0',
  'open-gop': 'bframes=4:b-pyramid=1:b-adapt=0:open-gop=1',
};
const FORMAT: Record<ClipContainer, string> = {
  mp4: 'mp4',
  mov: 'mov',
  mkv: 'matroska',
  ts: 'mpegts',
  webm: 'webm',
  h264: 'h264',
  hevc: 'hevc',
  m2v: 'mpeg2video',
  ivf: 'ivf',
  avif: 'avif',
};

const GOP_WORDS: Record<ClipGop, string> = {
  'no-b': 'no B-frames',
  'b-frames': 'B-frames',
  'b-pyramid': 'B-pyramid',
  'open-gop': 'open GOP',
};
const CODEC_WORDS: Record<ClipCodec, string> = { h264: 'H.264', hevc: 'HEVC', vp9: 'VP9', mpeg2: 'MPEG-2', av1: 'AV1' };
const CONTAINER_WORDS: Record<ClipContainer, string> = {
  mp4: 'MP4',
  mov: 'MOV',
  mkv: 'MKV',
  ts: 'MPEG-TS',
  webm: 'WebM',
  h264: 'raw stream',
  hevc: 'raw stream',
  m2v: 'raw stream',
  ivf: 'IVF',
  avif: 'AVIF',
};

/** The 32 cells of the matrix: every codec x container x GOP structure. */
export function matrixClips(): ClipRecipe[] {
  return CLIP_CODECS.flatMap((codec) =>
    CLIP_CONTAINERS.flatMap((container) =>
      CLIP_GOPS.map((gop) => ({
        name: `${codec}-${gop}.${container}`,
        codec,
        container,
        gop,
        what: `${CODEC_WORDS[codec]} in ${CONTAINER_WORDS[container]}, ${GOP_WORDS[gop]}`,
      })),
    ),
  );
}

/** The clips beside the matrix: kinds of file that were once decoded wrong. */
export const EXTRA_CLIPS: readonly ClipRecipe[] = [
  {
    name: 'hevc-open-gop-zero.ts',
    codec: 'hevc',
    container: 'ts',
    gop: 'open-gop',
    what: 'HEVC in MPEG-TS, B-pyramid and open GOP, timestamps from 0 (no mux delay)',
    muxArgs: ['-muxdelay', '0', '-muxpreload', '0'],
  },
  {
    name: 'hevc-open-gop-hls.ts',
    codec: 'hevc',
    container: 'ts',
    gop: 'open-gop',
    what: 'HEVC in MPEG-TS, B-pyramid and open GOP, timestamps from 16.8 s (an HLS segment)',
    muxArgs: ['-muxdelay', '0', '-muxpreload', '0', '-output_ts_offset', '16.8'],
  },
  {
    name: 'h264-live.mkv',
    codec: 'h264',
    container: 'mkv',
    gop: 'b-pyramid',
    what: 'H.264 in MKV written as a live stream (to a pipe): no Duration, no Cues',
    pipe: true,
  },
  {
    name: 'h264-late-video.mp4',
    codec: 'h264',
    container: 'mp4',
    gop: 'b-pyramid',
    what: 'H.264 MP4 with B-frames, no edit list: the video starts two frames after the audio',
    muxArgs: ['-use_editlist', '0'],
  },
];

/**
 * HEVC in MKV cut 0.4 s into its first GOP (from the B-pyramid MP4): its first ~0.55 s decode only to grey
 * garbage (ffmpeg: "Could not find ref with POC"), which Snapframe must report as skipped, never as frames.
 */
export const CUT_CLIP: ClipRecipe = {
  name: 'hevc-cut-mid-gop.mkv',
  codec: 'hevc',
  container: 'mkv',
  gop: 'b-pyramid',
  what: 'HEVC in MKV cut in the middle of a GOP (stream copy with -copyinkf): the first pictures lack references',
  cutFrom: { name: 'hevc-b-pyramid.mp4', cutSec: 0.4 },
};

/**
 * H.264 in MKV cut the same way: the H.264 decoders withhold the pictures before the first keyframe (native ffmpeg
 * lists none), so a time before it takes the first frame, the keyframe (SPEC: 0 is the first frame).
 */
export const CUT_CLIP_H264: ClipRecipe = {
  name: 'h264-cut-mid-gop.mkv',
  codec: 'h264',
  container: 'mkv',
  gop: 'b-pyramid',
  what: 'H.264 in MKV cut in the middle of a GOP (stream copy with -copyinkf): the first pictures lack references',
  cutFrom: { name: 'h264-b-pyramid.mp4', cutSec: 0.4 },
};

/**
 * The late-video MP4 above, its display matrix set to -90° (as a phone held upright writes it), still without an edit
 * list: H.264 B-pyramid (has_b_frames 2), the video's first frame two frames after the audio's, 24 fps, rotated. On
 * such a file WebCodecs once gave frame n+1's picture under frame n's time (mediabunny's sink numbers decoded frames by
 * position; webcodecs/packetDecoder.ts matches them by their own timestamps).
 */
export const ROTATED_LATE_CLIP: ClipRecipe = {
  name: 'h264-late-video-rotated.mp4',
  codec: 'h264',
  container: 'mp4',
  gop: 'b-pyramid',
  what: 'H.264 MP4, B-pyramid, video two frames after the audio without an edit list, rotated -90°',
  // ffmpeg 5.1 writes a display matrix from the `rotate` tag on a stream copy (ffmpeg 6+: -display_rotation).
  remuxFrom: { name: 'h264-late-video.mp4', args: ['-metadata:s:v:0', 'rotate=270', '-use_editlist', '0'] },
  outputSize: { width: 180, height: 320 },
};

/**
 * 10-bit VP9 (profile 2, yuv420p10le, no colour tags) in WebM, keyframe every second, no audio. WebCodecs gave it
 * BT.709 colours where swscale assumes BT.601 (a mean abs diff of 9.5 from native ffmpeg's frame).
 */
export const VP9_10BIT_CLIP: ClipRecipe = {
  name: 'vp9-profile2.webm',
  codec: 'vp9',
  container: 'webm',
  gop: 'no-b',
  what: 'VP9 profile 2 (10-bit) in WebM, untagged colours',
};

const X264_RAW = [
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-pix_fmt',
  'yuv420p',
  '-x264-params',
  `keyint=${KEYINT}:scenecut=0:bframes=3:b-pyramid=normal`,
];
const X265_RAW = (params: string) => [
  '-c:v',
  'libx265',
  '-preset',
  'ultrafast',
  '-pix_fmt',
  'yuv420p',
  '-x265-params',
  `log-level=error:keyint=${KEYINT}:${params}`,
];

/**
 * Raw elementary streams (no container, no timestamps: frame n at n / rate, the rate the stream declares or ffmpeg's
 * default 25 fps) and VP9 in IVF (a 32-byte header with a time base and frame count, then frames with timestamps).
 */
export const RAW_CLIPS: readonly ClipRecipe[] = [
  {
    name: 'h264-raw.264',
    codec: 'h264',
    container: 'h264',
    gop: 'b-pyramid',
    what: 'raw H.264 stream (Annex B), B-pyramid, 24 fps in its SPS VUI',
    videoArgs: [...X264_RAW, '-f', 'h264'],
  },
  {
    name: 'hevc-raw.hevc',
    codec: 'hevc',
    container: 'hevc',
    gop: 'open-gop',
    what: 'raw HEVC stream, B-pyramid and open GOP, 24 fps in its SPS VUI',
    videoArgs: [...X265_RAW('bframes=4:b-pyramid=1:b-adapt=0'), '-f', 'hevc'],
  },
  {
    name: 'hevc-raw-untimed.hevc',
    codec: 'hevc',
    container: 'hevc',
    gop: 'b-pyramid',
    what: "raw HEVC stream with no timing in its VPS or SPS (x265 vui-timing-info=0): ffmpeg's default 25 fps",
    videoArgs: [...X265_RAW('bframes=4:b-pyramid=1:b-adapt=0:open-gop=0:vui-timing-info=0'), '-f', 'hevc'],
  },
  {
    name: 'mpeg2-raw.m2v',
    codec: 'mpeg2',
    container: 'm2v',
    gop: 'b-frames',
    what: 'raw MPEG-2 video stream, B-frames, 24 fps in its sequence header',
    videoArgs: ['-c:v', 'mpeg2video', '-b:v', '1M', '-g', '12', '-bf', '2', '-f', 'mpeg2video'],
  },
  {
    name: 'vp9.ivf',
    codec: 'vp9',
    container: 'ivf',
    gop: 'no-b',
    what: 'VP9 in IVF',
    videoArgs: ['-c:v', 'libvpx-vp9', '-b:v', '400k', '-g', String(KEYINT), '-deadline', 'realtime', '-cpu-used', '8', '-f', 'ivf'],
  },
];

const AOM = ['-c:v', 'libaom-av1', '-cpu-used', '8', '-b:v', '300k', '-g', String(KEYINT), '-pix_fmt', 'yuv420p'];

/** AV1, which ffmpeg.wasm cannot decode: an AVIF image sequence (brand `avis`, a `pict` track) and an AV1 IVF. */
export const AVIF_CLIP: ClipRecipe = {
  name: 'av1-sequence.avif',
  codec: 'av1',
  container: 'avif',
  gop: 'no-b',
  what: 'AVIF image sequence (AV1, libaom)',
  videoArgs: [...AOM, '-f', 'avif'],
};
export const AV1_IVF_CLIP: ClipRecipe = {
  name: 'av1.ivf',
  codec: 'av1',
  container: 'ivf',
  gop: 'no-b',
  what: 'AV1 in IVF (libaom)',
  videoArgs: [...AOM, '-f', 'ivf'],
};
/**
 * An interlaced source: `testsrc2` at 50 frames a second (320x240), two consecutive frames woven into one 25 fps
 * frame (`tinterlace` `interleave_top`: the top field from the first, the bottom from the second; `interleave_bottom`
 * the other way round), so the two fields of a frame show different instants, as a camera's do. 2.4 s, 60 frames.
 */
function interlacedSource(order: 'tff' | 'bff'): string[] {
  // As an output filter, so the frames reach the encoder with tinterlace's field order (libx264 follows each frame's
  // top_field_first over `tff=1`); through the lavfi input they arrive without it and x264 codes them bottom first.
  const weave = order === 'tff' ? 'interleave_top' : 'interleave_bottom';
  return ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=50:duration=2.4', '-vf', `tinterlace=mode=${weave}`];
}

/**
 * H.264 MBAFF (x264 `interlaced=1`, `tff=1`/`bff=1`, with `-flags +ildct+ilme`), a keyframe every second, 3 B-frames,
 * top field first with open GOPs (recovery point SEI on the I pictures), bottom field first closed (IDR);
 * MPEG-2 interlaced frame pictures (`-flags +ildct+ilme -top 1/0`), GOP 12, 2 B-frames. x264 cannot code field
 * pictures (PAFF) and ffmpeg's mpeg2video encoder cannot code MPEG-2 field pictures, so the matrix has none (their
 * parsing is unit-tested on written bitstreams).
 */
function interlacedEncode(codec: 'h264' | 'mpeg2', order: 'tff' | 'bff'): string[] {
  const video =
    codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-flags', '+ildct+ilme']
      : ['-c:v', 'mpeg2video', '-b:v', '2M', '-g', '12', '-bf', '2', '-flags', '+ildct+ilme', '-top', order === 'tff' ? '1' : '0'];
  // Top field first: open GOPs (the I pictures after the first are recovery points, not IDR: as TV channels code).
  const x264 = `keyint=25:min-keyint=25:scenecut=0:bframes=3:interlaced=1:${order}=1${order === 'tff' ? ':open-gop=1' : ''}`;
  return [...interlacedSource(order), ...video, ...(codec === 'h264' ? ['-x264-params', x264] : [])];
}

/** Interlaced clips: H.264 MBAFF and MPEG-2 interlaced frame pictures, top and bottom field first, in MPEG-TS and MP4. */
export const INTERLACED_CLIPS: readonly ClipRecipe[] = (['h264', 'mpeg2'] as const).flatMap((codec) =>
  (['tff', 'bff'] as const).flatMap((order) =>
    (['ts', 'mp4'] as const).map((container): ClipRecipe => ({
      name: `${codec}-interlaced-${order}.${container}`,
      codec,
      container,
      gop: 'b-frames',
      what: `${CODEC_WORDS[codec]} ${codec === 'h264' ? 'MBAFF' : 'interlaced'}, ${order === 'tff' ? 'top' : 'bottom'} field first, in ${CONTAINER_WORDS[container]}`,
      encode: interlacedEncode(codec, order),
      outputSize: { width: 320, height: 240 },
    })),
  ),
);

/**
 * Interlaced clips in Matroska and QuickTime: the TS and MP4 clips above stream-copied (the coded pictures unchanged).
 */
export const INTERLACED_REMUX_CLIPS: readonly ClipRecipe[] = (
  [
    ['h264', 'tff', 'ts', 'mkv'],
    ['h264', 'bff', 'mp4', 'mov'],
    ['mpeg2', 'tff', 'ts', 'mkv'],
  ] as const
).map(([codec, order, from, container]) => ({
  name: `${codec}-interlaced-${order}.${container}`,
  codec,
  container,
  gop: 'b-frames',
  what: `${CODEC_WORDS[codec]} ${codec === 'h264' ? 'MBAFF' : 'interlaced'}, ${order === 'tff' ? 'top' : 'bottom'} field first, in ${CONTAINER_WORDS[container]}`,
  remuxFrom: { name: `${codec}-interlaced-${order}.${from}`, args: [] },
  outputSize: { width: 320, height: 240 },
}));

/** x264 without B-frames (a joined raw stream gets its timestamps from its order: no reordering), a keyframe a second. */
const X264_NO_B = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
const NO_B_GOP = 'keyint=25:min-keyint=25:scenecut=0:bframes=0';

/**
 * Mixed scan, as a channel that switches programmes: 0.6 s of progressive H.264 (15 frames), then 1.8 s of MBAFF top
 * field first (the 50 fps source woven from 1.2 s on), joined at an IDR picture with new parameter sets, in MPEG-TS.
 * The first 30 frames hold both kinds: the probe reads the field order as `mixed`.
 */
export const MIXED_SCAN_CLIP: ClipRecipe = {
  name: 'h264-mixed-scan.ts',
  codec: 'h264',
  container: 'ts',
  gop: 'no-b',
  what: 'H.264 in MPEG-TS, progressive then MBAFF top field first (mixed scan)',
  outputSize: { width: 320, height: 240 },
  joined: {
    rate: 25,
    parts: [
      ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=0.6', ...X264_NO_B, '-x264-params', NO_B_GOP, '-f', 'h264'],
      [
        ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=50:duration=3'],
        ...['-vf', 'trim=start=1.2,setpts=PTS-STARTPTS,tinterlace=mode=interleave_top', ...X264_NO_B, '-flags', '+ildct+ilme'],
        ...['-x264-params', `${NO_B_GOP}:interlaced=1:tff=1`, '-f', 'h264'],
      ],
    ],
  },
};

/**
 * Interlaced MPEG-TS cut in the middle of a GOP (0.5 s into the first second, stream copy with `-copyinkf`): the
 * decoder meets pictures whose references are missing before the first keyframe.
 */
export const INTERLACED_CUT_CLIPS: readonly ClipRecipe[] = (['h264', 'mpeg2'] as const).map((codec) => ({
  name: `${codec}-interlaced-tff-cut.ts`,
  codec,
  container: 'ts',
  gop: 'b-frames',
  what: `${CODEC_WORDS[codec]} ${codec === 'h264' ? 'MBAFF' : 'interlaced'} in MPEG-TS cut in the middle of a GOP`,
  cutFrom: { name: `${codec}-interlaced-tff.ts`, cutSec: 0.5 },
  outputSize: { width: 320, height: 240 },
}));

/** ffmpeg arguments that make `recipe` (without the output). */
export function clipArgs(recipe: ClipRecipe): string[] {
  // Made in steps by makeClip; the parts' arguments stand for the clip in the cache folder's hash.
  if (recipe.joined) return recipe.joined.parts.flat();
  if (recipe.videoArgs) return ['-v', 'error', '-nostdin', '-y', ...SOURCE.slice(0, 4), ...recipe.videoArgs];
  if (recipe.remuxFrom) {
    const { name, args } = recipe.remuxFrom;
    return ['-v', 'error', '-nostdin', '-y', '-i', name, '-map', '0', '-c', 'copy', ...args, '-f', FORMAT[recipe.container]];
  }
  if (recipe.cutFrom) {
    return [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-i',
      recipe.cutFrom.name,
      '-ss',
      String(recipe.cutFrom.cutSec),
      '-c',
      'copy',
      '-copyinkf',
      '-f',
      FORMAT[recipe.container],
    ];
  }
  if (recipe.encode) return ['-v', 'error', '-nostdin', '-y', ...recipe.encode, '-f', FORMAT[recipe.container]];
  if (recipe.codec === 'vp9') {
    const vp9 = ['-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p10le', '-profile:v', '2', '-b:v', '400k', '-g', String(KEYINT)];
    return ['-v', 'error', '-nostdin', '-y', ...SOURCE.slice(0, 4), ...vp9, '-deadline', 'realtime', '-cpu-used', '8', '-f', 'webm'];
  }
  const gop = `keyint=${KEYINT}:min-keyint=${KEYINT}:scenecut=0`;
  const video =
    recipe.codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-x264-params', `${gop}:${X264_GOP[recipe.gop]}`]
      : [
          '-c:v',
          'libx265',
          '-preset',
          'ultrafast',
          '-pix_fmt',
          'yuv420p',
          '-x265-params',
          `log-level=error:${gop}:${X265_GOP[recipe.gop]}`,
          ...(recipe.container === 'mp4' || recipe.container === 'mov' ? ['-tag:v', 'hvc1'] : []),
        ];
  return [
    '-v',
    'error',
    '-nostdin',
    '-y',
    ...SOURCE,
    ...video,
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    ...(recipe.muxArgs ?? []),
    '-f',
    FORMAT[recipe.container],
  ];
}

let dirMemo: Promise<string> | null = null;

/** The cache folder of this set of recipes and this ffmpeg. */
function clipsDir(): Promise<string> {
  dirMemo ??= (async () => {
    const { stdout } = await execFileAsync(FFMPEG, ['-version']);
    const recipes = [
      ...matrixClips(),
      ...EXTRA_CLIPS,
      CUT_CLIP,
      CUT_CLIP_H264,
      ROTATED_LATE_CLIP,
      VP9_10BIT_CLIP,
      ...RAW_CLIPS,
      AVIF_CLIP,
      AV1_IVF_CLIP,
      ...INTERLACED_CLIPS,
      ...INTERLACED_REMUX_CLIPS,
      ...INTERLACED_CUT_CLIPS,
      MIXED_SCAN_CLIP,
    ].map((r) => [r.name, clipArgs(r), r.pipe ?? false]);
    const hash = createHash('sha1')
      .update(stdout.split('\n')[0] ?? '')
      .update(JSON.stringify(recipes))
      .digest('hex')
      .slice(0, 12);
    const root = process.env.SNAPFRAME_CLIPS_DIR ?? path.join(os.tmpdir(), 'snapframe-clips');
    const dir = path.join(root, hash);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  })();
  return dirMemo;
}

const clipMemo = new Map<string, Promise<string>>();

/**
 * The clip's path, making it first when this run (or an earlier one) has not.
 * @throws Error when ffmpeg fails (with its error output), or when a live MKV came out with a Duration
 */
export function makeClip(recipe: ClipRecipe): Promise<string> {
  let memo = clipMemo.get(recipe.name);
  if (!memo) {
    memo = makeUncached(recipe);
    clipMemo.set(recipe.name, memo);
  }
  return memo;
}

async function makeUncached(recipe: ClipRecipe): Promise<string> {
  const file = path.join(await clipsDir(), recipe.name);
  if (fs.existsSync(file)) return file;
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  let args = clipArgs(recipe);
  if (recipe.cutFrom) {
    const from = [...matrixClips(), ...INTERLACED_CLIPS].find((r) => r.name === recipe.cutFrom?.name);
    if (!from) throw new Error(`${recipe.name}: no clip named ${recipe.cutFrom.name} to cut`);
    const source = await makeClip(from);
    args = args.map((a) => (a === recipe.cutFrom?.name ? source : a));
  }
  if (recipe.remuxFrom) {
    const from = [...matrixClips(), ...EXTRA_CLIPS, ...INTERLACED_CLIPS].find((r) => r.name === recipe.remuxFrom?.name);
    if (!from) throw new Error(`${recipe.name}: no clip named ${recipe.remuxFrom.name} to remux`);
    const source = await makeClip(from);
    args = args.map((a) => (a === recipe.remuxFrom?.name ? source : a));
  }
  if (recipe.joined) {
    const parts: Buffer[] = [];
    for (const [i, part] of recipe.joined.parts.entries()) {
      const raw = `${tmp}.${i}.264`;
      await execFileAsync(FFMPEG, ['-v', 'error', '-nostdin', '-y', ...part, raw]);
      parts.push(fs.readFileSync(raw));
      fs.rmSync(raw);
    }
    const joined = `${tmp}.264`;
    fs.writeFileSync(joined, Buffer.concat(parts));
    args = ['-v', 'error', '-nostdin', '-y', '-r', String(recipe.joined.rate), '-i', joined, '-c', 'copy', '-f', FORMAT[recipe.container]];
    await execFileAsync(FFMPEG, [...args, tmp]);
    fs.rmSync(joined);
  } else if (recipe.pipe) {
    const out = fs.createWriteStream(tmp);
    const written = new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
    await new Promise<void>((resolve, reject) => {
      const child = spawn(FFMPEG, [...args, 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.pipe(out);
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`${FFMPEG} ${args.join(' ')} pipe:1 exited ${code}: ${stderr}`)),
      );
    });
    await written;
  } else {
    await execFileAsync(FFMPEG, [...args, tmp]);
  }
  if (recipe.pipe && recipe.container === 'mkv') {
    const { stdout } = await execFileAsync(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', tmp]);
    if (stdout.trim() !== 'N/A') throw new Error(`${recipe.name} was meant to have no Duration, but ffprobe reads ${stdout.trim()} s`);
  }
  fs.renameSync(tmp, file);
  return file;
}

/** Keyframe (packet flag K) presentation times of the clip's video, ms from the container's start_time, ascending. */
export async function clipKeyframes(file: string): Promise<number[]> {
  const { stdout } = await execFileAsync(FFPROBE, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=pts_time,flags',
    '-show_entries',
    'format=start_time',
    '-of',
    'json',
    file,
  ]);
  const out = JSON.parse(stdout) as { packets?: { pts_time?: string; flags?: string }[]; format?: { start_time?: string } };
  const start = Number(out.format?.start_time ?? 0) * 1000;
  return (out.packets ?? [])
    .filter((p) => p.flags?.startsWith('K') && p.pts_time !== undefined)
    .map((p) => Number(p.pts_time) * 1000 - start)
    .sort((a, b) => a - b);
}
