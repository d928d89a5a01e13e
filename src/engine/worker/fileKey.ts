/**
 * Identity of a File across Comlink calls (each call receives a new File object): name, size and last-modified
 * time, joined with NUL. Used to keep a file mounted (sources/ffmpeg/host.ts), opened (frameChain.ts) or planned (decode runs).
 */
import type { VideoInput } from '../videoInput';
import { isRemote } from '../../core/remote/remoteVideo';
export function fileKey(file: VideoInput): string {
  // A URL is its address (and an HLS master's variant): two playlists may share a name and a size of 0.
  if (isRemote(file)) return `${file.url}\u0000${file.variant ?? 0}`;
  return `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
}
