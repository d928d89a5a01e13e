/**
 * The videos the user has opened: a list of sources, each probed on the preview engine one
 * after another, and the current one, which the preview, the timeline and the job form work on.
 */
import type { StateCreator } from 'zustand';
import { namingFile, toSnapframeError, type SerializedError } from '../core/job/errors';
import type { SourceInfo } from '../core/job/types';
import { probeSource } from '../engine/api';
import type { VideoInput } from '../engine/videoInput';
import { isRemote } from '../core/remote/remoteVideo';
import type { StoreState } from './index';

/** One opened video and what its probe found. */
export interface Source {
  /** Increases with every file opened; late probe answers for a removed file are ignored. */
  id: number;
  file: VideoInput;
  status: 'probing' | 'ready' | 'error';
  info: SourceInfo | null;
  error: SerializedError | null;
}

export interface SourceSlice {
  /** Every opened video, in the order they were opened. */
  sources: Source[];
  /** Id of the current video, or null when none is open. */
  currentSourceId: number | null;
  /** The current video: always the element of `sources` whose id is `currentSourceId`, or null. */
  source: Source | null;
  /** Time shown by the preview, ms from the start of the presentation (what "Add current time" adds). */
  previewTimeMs: number;
  /**
   * Adds files and probes each, one after another, on the preview engine. A file already in the list (same name,
   * size and modification time) is not added twice; it is probed again only if its probe had failed. The first of
   * `files` becomes the current video. Never throws: a bad file ends as `status: 'error'` with a message.
   * @returns when every probe this call started has ended.
   */
  openFiles: (files: readonly VideoInput[]) => Promise<void>;
  /** {@link SourceSlice.openFiles} with one file. */
  openFile: (file: File) => Promise<void>;
  /** Makes a video current (preview time back to 0). Unknown ids are ignored. */
  selectSource: (id: number) => void;
  /** Removes a video from the list; if it was current, its neighbour (the next, else the previous) becomes current. */
  removeSource: (id: number) => void;
  setPreviewTime: (ms: number) => void;
}

let nextSourceId = 1;
/** Probes run one at a time (the preview engine also makes previews and thumbnails). */
let probeChain: Promise<void> = Promise.resolve();

/** Same file as far as the page can tell: name, size in bytes and modification time (epoch ms). */
function sameFile(a: VideoInput, b: VideoInput): boolean {
  if (isRemote(a) || isRemote(b)) return isRemote(a) && isRemote(b) && a.url === b.url && a.variant === b.variant;
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

/** The `sources`/`currentSourceId`/`source` triple, kept consistent. */
function withCurrent(sources: Source[], currentSourceId: number | null) {
  const source = sources.find((s) => s.id === currentSourceId) ?? null;
  return { sources, currentSourceId: source ? source.id : null, source };
}

export const createSourceSlice: StateCreator<StoreState, [], [], SourceSlice> = (set, get) => {
  /** Replaces one source (if it is still in the list), keeping `source` in step. */
  const patch = (id: number, change: Partial<Source>) =>
    set((state) =>
      withCurrent(
        state.sources.map((s) => (s.id === id ? { ...s, ...change } : s)),
        state.currentSourceId,
      ),
    );

  const probe = async (id: number): Promise<void> => {
    const source = get().sources.find((s) => s.id === id);
    if (!source) return; // removed while waiting for its turn
    try {
      const info = await probeSource(source.file);
      patch(id, { status: 'ready', info, error: null });
    } catch (raw) {
      // Every sentence about a file names it, also when the engine itself failed (e.g. could not start).
      patch(id, { status: 'error', info: null, error: namingFile(toSnapframeError(raw), source.file.name).toJSON() });
    }
  };

  return {
    sources: [],
    currentSourceId: null,
    source: null,
    previewTimeMs: 0,
    openFiles: (files) => {
      if (files.length === 0) return Promise.resolve();
      const sources = [...get().sources];
      const toProbe: number[] = [];
      let first: number | null = null;
      for (const file of files) {
        const index = sources.findIndex((s) => sameFile(s.file, file));
        const known = sources[index];
        let id: number;
        if (known && known.status !== 'error') {
          id = known.id;
        } else {
          id = nextSourceId++;
          const fresh: Source = { id, file, status: 'probing', info: null, error: null };
          if (known) sources[index] = fresh;
          else sources.push(fresh);
          toProbe.push(id);
        }
        first ??= id;
      }
      const changesCurrent = first !== get().currentSourceId;
      set({ ...withCurrent(sources, first), ...(changesCurrent ? { previewTimeMs: 0 } : {}) });
      const done = toProbe.reduce((chain, id) => chain.then(() => probe(id)), probeChain);
      probeChain = done;
      return done;
    },
    openFile: (file) => get().openFiles([file]),
    selectSource: (id) => {
      const { sources, currentSourceId } = get();
      if (id === currentSourceId || !sources.some((s) => s.id === id)) return;
      set({ ...withCurrent(sources, id), previewTimeMs: 0 });
    },
    removeSource: (id) => {
      const { sources, currentSourceId } = get();
      const index = sources.findIndex((s) => s.id === id);
      if (index < 0) return;
      const rest = sources.filter((s) => s.id !== id);
      if (id !== currentSourceId) {
        set(withCurrent(rest, currentSourceId));
        return;
      }
      const neighbour = rest[index] ?? rest[index - 1] ?? null;
      set({ ...withCurrent(rest, neighbour?.id ?? null), previewTimeMs: 0 });
    },
    setPreviewTime: (ms) => set({ previewTimeMs: Math.max(0, Math.round(ms)) }),
  };
};
