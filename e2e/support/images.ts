/** Decoding and comparing images in Node: JPG via jpeg-js, raw RGB24 buffers from native ffmpeg. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';

/** An RGB24 image: `data` holds width*height*3 bytes, rows top to bottom. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Wraps raw RGB24 bytes.
 * @throws Error when the byte count is not width*height*3.
 */
export function rgbImage(width: number, height: number, data: Uint8Array): RgbImage {
  if (data.length !== width * height * 3) {
    throw new Error(`RGB24 ${width}x${height} needs ${width * height * 3} bytes, got ${data.length}`);
  }
  return { width, height, data };
}

/**
 * Decodes a baseline or progressive JPG to RGB24.
 * @throws Error from jpeg-js when the bytes are not a JPG.
 */
export function decodeJpeg(bytes: Uint8Array): RgbImage {
  const img = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: false,
    maxResolutionInMP: 100,
    maxMemoryUsageInMB: 1024,
  });
  return rgbImage(img.width, img.height, img.data);
}

/** True when the bytes start with a JPG SOI marker and end with EOI. */
export function looksLikeJpeg(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return n > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9;
}

/**
 * Mean absolute difference per channel sample, 0-255 scale.
 * @throws Error when the sizes differ.
 */
export function meanAbsDiff(a: RgbImage, b: RgbImage): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`cannot compare ${a.width}x${a.height} with ${b.width}x${b.height}`);
  }
  const x = a.data;
  const y = b.data;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}

/** Standard deviation of the luma (BT.601 weights), 0-255 scale. */
export function lumaStdDev(img: RgbImage): number {
  const d = img.data;
  const n = img.width * img.height;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < d.length; i += 3) {
    const y = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
    sum += y;
    sum2 += y * y;
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sum2 / n - mean * mean));
}

/** Mean luma (BT.601 weights), 0-255. */
export function meanLuma(img: RgbImage): number {
  const d = img.data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 3) sum += 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
  return sum / (img.width * img.height);
}

/** A blank image (one flat colour, e.g. an all-black frame from a failed decode): luma std-dev below 2. */
export function isBlank(img: RgbImage): boolean {
  return lumaStdDev(img) < 2;
}

/** Writes an RGB24 image as PNG with native ffmpeg (for attachments and eyeballing). */
export function writePng(img: RgbImage, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.env.SNAPFRAME_FFMPEG ?? 'ffmpeg',
      ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${img.width}x${img.height}`, '-i', '-', file],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg png: ${code} ${err}`))));
    child.stdin.end(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength));
  });
}
