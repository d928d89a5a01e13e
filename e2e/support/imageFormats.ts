/**
 * Reading the other output formats in Node (SPEC "Output geometry and format": png, webp), and cutting images:
 * PNG is parsed and decoded here (chunks, IHDR, zlib inflate of IDAT, scanline unfiltering); WebP's header gives its
 * size (RIFF/WEBP with a VP8, VP8L or VP8X chunk) and native ffmpeg decodes its pixels.
 */
import { spawn } from 'node:child_process';
import zlib from 'node:zlib';
import { rgbImage, type RgbImage } from './images';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the IHDR chunk says. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  interlace: number;
}

/** True when the bytes start with the PNG signature. */
export function looksLikePng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE);
}

interface Chunk {
  type: string;
  data: Buffer;
}

function pngChunks(bytes: Uint8Array): Chunk[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!looksLikePng(buf)) throw new Error(`not a PNG (starts ${buf.subarray(0, 8).toString('hex')})`);
  const chunks: Chunk[] = [];
  let pos = 8;
  while (pos + 8 <= buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > buf.length) throw new Error(`PNG chunk ${type} at ${pos} runs past the end`);
    chunks.push({ type, data: buf.subarray(pos + 8, pos + 8 + length) });
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  if (chunks[chunks.length - 1]?.type !== 'IEND') throw new Error('PNG has no IEND');
  return chunks;
}

/** The IHDR of a PNG. @throws Error when the bytes are not a PNG. */
export function pngHeader(bytes: Uint8Array): PngHeader {
  const ihdr = pngChunks(bytes)[0]!.data;
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8]!,
    colorType: ihdr[9]!,
    interlace: ihdr[12]!,
  };
}

/**
 * Decodes a non-interlaced 8-bit PNG (grey, RGB, palette, grey+alpha, RGBA) to RGB24; alpha is composited on black
 * (outputs of Snapframe are opaque; an alpha below 255 is reported by `minAlpha`).
 * @throws Error for interlaced or 16-bit PNGs and broken data.
 */
export function decodePng(bytes: Uint8Array): RgbImage & { header: PngHeader; minAlpha: number } {
  const chunks = pngChunks(bytes);
  const header = pngHeader(bytes);
  const { width, height, bitDepth, colorType, interlace } = header;
  if (interlace !== 0) throw new Error('interlaced PNG not supported by this test helper');
  if (bitDepth !== 8) throw new Error(`PNG bit depth ${bitDepth} not supported by this test helper`);
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`PNG colour type ${colorType} unknown`);
  const palette = chunks.find((c) => c.type === 'PLTE')?.data;
  const trns = chunks.find((c) => c.type === 'tRNS')?.data;
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) {
    throw new Error(`PNG data inflates to ${raw.length} bytes, expected ${height * (stride + 1)}`);
  }
  const bpp = channels;
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const v = raw[src + x]!;
      const a = x >= bpp ? px[row + x - bpp]! : 0;
      const b = y > 0 ? px[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? px[prev + x - bpp]! : 0;
      let out: number;
      switch (filter) {
        case 0:
          out = v;
          break;
        case 1:
          out = v + a;
          break;
        case 2:
          out = v + b;
          break;
        case 3:
          out = v + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`PNG row ${y} has filter type ${filter}`);
      }
      px[row + x] = out & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  let minAlpha = 255;
  for (let i = 0; i < width * height; i++) {
    let r: number;
    let g: number;
    let b: number;
    let alpha = 255;
    switch (colorType) {
      case 0:
        r = g = b = px[i]!;
        break;
      case 2:
        r = px[i * 3]!;
        g = px[i * 3 + 1]!;
        b = px[i * 3 + 2]!;
        break;
      case 3: {
        const idx = px[i]!;
        if (!palette || idx * 3 + 2 >= palette.length) throw new Error(`PNG palette index ${idx} out of range`);
        r = palette[idx * 3]!;
        g = palette[idx * 3 + 1]!;
        b = palette[idx * 3 + 2]!;
        if (trns && idx < trns.length) alpha = trns[idx]!;
        break;
      }
      case 4:
        r = g = b = px[i * 2]!;
        alpha = px[i * 2 + 1]!;
        break;
      default:
        r = px[i * 4]!;
        g = px[i * 4 + 1]!;
        b = px[i * 4 + 2]!;
        alpha = px[i * 4 + 3]!;
    }
    minAlpha = Math.min(minAlpha, alpha);
    rgb[i * 3] = Math.round((r * alpha) / 255);
    rgb[i * 3 + 1] = Math.round((g * alpha) / 255);
    rgb[i * 3 + 2] = Math.round((b * alpha) / 255);
  }
  return { ...rgbImage(width, height, rgb), header, minAlpha };
}

/** What a WebP's RIFF header says. */
export interface WebpInfo {
  /** The first chunk after `WEBP`: lossy, lossless or extended. */
  kind: 'VP8 ' | 'VP8L' | 'VP8X';
  width: number;
  height: number;
}

/**
 * Reads the size of a WebP from its header: `RIFF` size `WEBP`, then `VP8 ` (lossy: the key frame's start code
 * 9d 01 2a and 14-bit sizes), `VP8L` (lossless: signature 0x2f and 14-bit sizes minus one) or `VP8X` (extended:
 * 24-bit canvas sizes minus one).
 * @throws Error when the bytes are not a WebP or the RIFF size disagrees with the byte count.
 */
export function webpInfo(bytes: Uint8Array): WebpInfo {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 30 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') {
    throw new Error(`not a WebP (starts ${buf.subarray(0, 16).toString('hex')})`);
  }
  const riffSize = buf.readUInt32LE(4);
  if (riffSize + 8 !== buf.length) throw new Error(`WebP RIFF size ${riffSize} + 8, but the file has ${buf.length} bytes`);
  const kind = buf.toString('latin1', 12, 16);
  const data = 20;
  switch (kind) {
    case 'VP8 ': {
      if (buf[data + 3] !== 0x9d || buf[data + 4] !== 0x01 || buf[data + 5] !== 0x2a) throw new Error('WebP VP8 start code missing');
      return { kind, width: buf.readUInt16LE(data + 6) & 0x3fff, height: buf.readUInt16LE(data + 8) & 0x3fff };
    }
    case 'VP8L': {
      if (buf[data] !== 0x2f) throw new Error('WebP VP8L signature missing');
      const bits = buf.readUInt32LE(data + 1);
      return { kind, width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      return { kind, width: buf.readUIntLE(data + 4, 3) + 1, height: buf.readUIntLE(data + 7, 3) + 1 };
    default:
      throw new Error(`WebP chunk ${JSON.stringify(kind)} unknown`);
  }
}

/**
 * Decodes any image native ffmpeg reads (used for WebP) to RGB24 at its own size.
 * @throws Error when ffmpeg fails or the byte count does not match width x height.
 */
export function decodeWithFfmpeg(bytes: Uint8Array, width: number, height: number): Promise<RgbImage> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.env.SNAPFRAME_FFMPEG ?? 'ffmpeg',
      ['-v', 'error', '-nostdin', '-i', 'pipe:0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg could not decode the image (${code}): ${err.slice(-1000)}`));
      try {
        resolve(rgbImage(width, height, Buffer.concat(out)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/** Cuts a rectangle out of an image. @throws Error when it does not lie inside. */
export function crop(img: RgbImage, x: number, y: number, width: number, height: number): RgbImage {
  if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > img.width || y + height > img.height) {
    throw new Error(`rectangle ${x},${y} ${width}x${height} is not inside the ${img.width}x${img.height} image`);
  }
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * img.width + x) * 3;
    data.set(img.data.subarray(from, from + width * 3), row * width * 3);
  }
  return rgbImage(width, height, data);
}

/** Per-channel statistics of the pixels for which `keep(x, y)` is true. */
export function regionStats(
  img: RgbImage,
  keep: (x: number, y: number) => boolean,
): { count: number; mean: [number, number, number]; min: number; fractionAbove: (level: number) => number } {
  const sum: [number, number, number] = [0, 0, 0];
  let count = 0;
  let min = 255;
  const mins: number[] = [];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (!keep(x, y)) continue;
      const i = (y * img.width + x) * 3;
      const m = Math.min(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!);
      sum[0] += img.data[i]!;
      sum[1] += img.data[i + 1]!;
      sum[2] += img.data[i + 2]!;
      min = Math.min(min, m);
      mins.push(m);
      count++;
    }
  }
  const mean: [number, number, number] = count ? [sum[0] / count, sum[1] / count, sum[2] / count] : [NaN, NaN, NaN];
  return {
    count,
    mean,
    min,
    fractionAbove: (level) => (count ? mins.filter((m) => m >= level).length / count : NaN),
  };
}
