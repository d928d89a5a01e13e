/// <reference lib="webworker" />
/**
 * ffmpeg.wasm's own worker (@ffmpeg/ffmpeg's, loaded through `classWorkerURL`) with one addition: a video at a URL
 * can be mounted as a file read by range (remote/syncRangeFile.ts), so MPEG-2 or HEVC at a URL decodes without a
 * full download. The stock worker keeps the core module to itself; the module is caught as the stock code creates
 * it (`self.createFFmpegCore` is wrapped when the stock code sets it), and two messages are answered here:
 * `MOUNT` with `fsType` {@link URL_FS} (options `{ url, name, size }`) mounts the URL's file at the mount point,
 * and `READ_FILE` of {@link URL_BYTES_PATH} answers the bytes received since the last such read (decimal text).
 */
import '@ffmpeg/ffmpeg/worker';
import { SyncRangeFile } from '../../remote/syncRangeFile';
import { URL_BYTES_PATH, URL_FS } from './urlMount';

interface CoreModule {
  FS: { mount(type: unknown, options: unknown, mountPoint: string): unknown; filesystems: Record<string, unknown> };
}
type CoreFactory = (options: unknown) => Promise<CoreModule>;

let core: CoreModule | null = null;
let factory: CoreFactory | undefined;
Object.defineProperty(self, 'createFFmpegCore', {
  configurable: true,
  get: () => factory,
  set: (create: CoreFactory) => {
    factory = async (options) => (core = await create(options));
  },
});

const files: SyncRangeFile[] = [];
const stock = self.onmessage;

self.onmessage = (event: MessageEvent<{ id: number; type: string; data: Record<string, unknown> }>) => {
  const { id, type, data } = event.data;
  if (type === 'MOUNT' && data.fsType === URL_FS && core) {
    try {
      const { url, name, size } = data.options as { url: string; name: string; size: number };
      const file = new SyncRangeFile(url, size);
      files.push(file);
      core.FS.mount(core.FS.filesystems.WORKERFS, { blobs: [{ name, data: file }] }, data.mountPoint as string);
      self.postMessage({ id, type, data: true });
    } catch (error) {
      self.postMessage({ id, type: 'ERROR', data: String(error) });
    }
    return;
  }
  if (type === 'READ_FILE' && data.path === URL_BYTES_PATH) {
    const bytes = files.reduce((sum, file) => sum + file.takeBytes(), 0);
    self.postMessage({ id, type, data: String(bytes) });
    return;
  }
  stock?.call(self, event);
};
