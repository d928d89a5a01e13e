/**
 * AV1 in IVF for the browser's decoder. mediabunny, which feeds WebCodecs, reads no IVF, and ffmpeg.wasm has no AV1
 * decoder, so the file's temporal units are put, as they are, into an MP4 in memory (mediabunny's Output, timescale =
 * the IVF's time base, so every timestamp stays what ffprobe reads) and the WebCodecs source reads that MP4. Key
 * frames and the codec string come from the temporal units themselves (core/av1/obu.ts); the file is read whole.
 */
import { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Mp4OutputFormat, Output } from 'mediabunny';
import { av1CodecString, readTemporalUnit, type Av1SequenceHeader } from '../../../../core/av1/obu';
import { parseIvf } from '../../../../core/ivf/ivf';

/** The largest IVF file remuxed, bytes: it is held in memory twice (the file, the MP4) while the job runs. */
export const IVF_REMUX_LIMIT_BYTES = 1024 * 1024 * 1024;

/**
 * The MP4 of an AV1 IVF file.
 * @param file the whole IVF file
 * @returns the MP4's bytes (one AV1 track, the IVF's timestamps and durations)
 * @throws Error naming what is wrong: over {@link IVF_REMUX_LIMIT_BYTES}, not AV1, no frames, no sequence header before
 *   the first key frame, a temporal unit that cannot be read (the caller refuses the file with it: ffmpeg.wasm then
 *   says the codec cannot be decoded here)
 */
export async function ivfAsMp4(file: Blob): Promise<Uint8Array> {
  if (file.size > IVF_REMUX_LIMIT_BYTES)
    throw new Error(`an IVF file over ${IVF_REMUX_LIMIT_BYTES / 1024 ** 2} MiB is not read into memory`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const ivf = parseIvf(bytes);
  if (ivf.fourcc !== 'AV01') throw new Error(`the IVF file holds ${ivf.fourcc}, not AV1`);
  if (ivf.frames.length === 0) throw new Error('the IVF file holds no whole frame');
  const [num, den] = ivf.timeBase;
  const tick = num / den;
  const output = new Output({ format: new Mp4OutputFormat(), target: new BufferTarget() });
  const track = new EncodedVideoPacketSource('av1');
  // frameRate = 1 / tick: mediabunny's timescale becomes the IVF's time base, and each pts snaps to a whole tick.
  output.addVideoTrack(track, { frameRate: den / num });
  await output.start();
  let header: Av1SequenceHeader | null = null;
  let started = false;
  for (const [i, frame] of ivf.frames.entries()) {
    const data = bytes.subarray(frame.offset, frame.offset + frame.size);
    const unit = readTemporalUnit(data, header);
    header = unit.sequenceHeader ?? header;
    // Frames before the first key frame cannot be decoded; an MP4 track starts at a sync sample.
    if (!started && !unit.key) continue;
    if (!header) throw new Error('no AV1 sequence header before the first key frame');
    const next = ivf.frames[i + 1];
    const duration = (next && next.pts > frame.pts ? next.pts - frame.pts : 1) * tick;
    const packet = new EncodedPacket(data, unit.key ? 'key' : 'delta', frame.pts * tick, duration);
    await track.add(
      packet,
      started ? undefined : { decoderConfig: { codec: av1CodecString(header), codedWidth: ivf.width, codedHeight: ivf.height } },
    );
    started = true;
  }
  if (!started) throw new Error('the IVF file holds no AV1 key frame');
  await output.finalize();
  const buffer = output.target.buffer;
  if (!buffer) throw new Error('the MP4 was not written');
  return new Uint8Array(buffer);
}
