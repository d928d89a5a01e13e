import { useState } from 'react';
import { variantLabel, type RemoteVideo } from '../../core/remote/remoteVideo';
import { toSnapframeError } from '../../core/job/errors';
import { openUrl } from '../../engine/api';
import { useStore } from '../../store';

/**
 * The variant of an HLS master playlist to read (docs/URLS.md "HLS"): the highest bandwidth is opened by default;
 * choosing another opens that one too, as another entry of the file list, which becomes the current video.
 */
export function VariantChoice({ video }: { video: RemoteVideo }) {
  const openFiles = useStore((s) => s.openFiles);
  const [problem, setProblem] = useState<string | null>(null);
  const variants = video.variants ?? [];
  const choose = (index: number) => {
    setProblem(null);
    openUrl(video.url, { variant: index }).then(
      (remote) => void openFiles([remote]),
      (error: unknown) => setProblem(toSnapframeError(error).message),
    );
  };
  return (
    <div className="variant-choice">
      <label>
        HLS variant read
        <select value={video.variant ?? 0} onChange={(e) => choose(Number(e.target.value))}>
          {variants.map((_, i) => (
            <option key={i} value={i}>
              {variantLabel(variants, i)}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
