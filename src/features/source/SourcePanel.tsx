import { isRemote, variantLabel } from '../../core/remote/remoteVideo';
import { VariantChoice } from './VariantChoice';
import { useCallback, useState } from 'react';
import { useStore } from '../../store';
import { FileList } from '../files/FileList';
import { DropZone } from './DropZone';
import { EnginePreview } from './EnginePreview';
import { NativePreview } from './NativePreview';
import { Timeline } from '../timeline/Timeline';
import { VideoDetails } from './VideoDetails';
import { ErrorAlert } from '../../lib/ErrorAlert';

/** The videos: input, the list of files opened, and the current one's probe result or error, and preview. */
export function SourcePanel() {
  const source = useStore((s) => s.source);
  // The id of the source the browser could not play: the preview falls back to ffmpeg.wasm for that one only.
  const [unplayableId, setUnplayableId] = useState<number | null>(null);
  const sourceId = source?.id ?? null;
  const onUnplayable = useCallback(() => setUnplayableId(sourceId), [sourceId]);
  const native = unplayableId !== sourceId;

  return (
    <section className="panel source" aria-labelledby="source-heading">
      <h2 id="source-heading">Video</h2>
      <DropZone compact={source !== null} />
      <FileList />
      {source?.status === 'probing' && <p role="status">Reading {source.file.name}…</p>}
      {source?.status === 'error' && source.error && <ErrorAlert error={source.error} />}
      {source?.status === 'ready' && source.info && (
        <div className="source__body">
          <div className="preview">
            {native && !isRemote(source.file) ? (
              <NativePreview key={source.id} file={source.file} onUnplayable={onUnplayable} />
            ) : (
              <EnginePreview key={source.id} file={source.file} info={source.info} />
            )}
          </div>
          <Timeline />
          <VideoDetails
            info={source.info}
            {...(isRemote(source.file) && source.file.variants
              ? { variant: variantLabel(source.file.variants, source.file.variant ?? 0) }
              : {})}
          />
          {isRemote(source.file) && (source.file.variants?.length ?? 0) > 1 && <VariantChoice video={source.file} />}
        </div>
      )}
    </section>
  );
}
