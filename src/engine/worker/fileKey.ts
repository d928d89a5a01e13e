/**
 * Identity of a File across Comlink calls (each call receives a new File object): name, size and last-modified
 * time, joined with NUL. Used to keep a file mounted (sources/ffmpeg/host.ts), opened (frameChain.ts) or planned (decode runs).
 */
import type { VideoInput } from '../videoInput';
export function fileKey(file: VideoInput): string {
  return `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
}
