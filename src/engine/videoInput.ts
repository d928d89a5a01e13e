/**
 * What the engine reads a video from: a file the user chose, or a video at a URL (core/remote/remoteVideo.ts). Both
 * carry name, size and lastModified, which is all the engine keys on.
 */
import type { RemoteVideo } from '../core/remote/remoteVideo';

export type VideoInput = File | RemoteVideo;
