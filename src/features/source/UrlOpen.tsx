import { useState, type FormEvent } from 'react';
import { checkUrl, parseUrlList } from '../../core/remote/remoteVideo';
import { toSnapframeError } from '../../core/job/errors';
import { openUrl } from '../../engine/api';
import { useStore } from '../../store';

/**
 * "Open a URL" (docs/URLS.md): videos read where they live, by range requests, without being downloaded whole. One
 * address per line makes a batch; each is opened (its size and range support checked) and added to the file list
 * like a chosen file. Sentences for addresses that cannot be read stay under the field.
 */
export function UrlOpen() {
  const openFiles = useStore((s) => s.openFiles);
  const [shown, setShown] = useState(false);
  const [text, setText] = useState('');
  const [variant, setVariant] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const insecure = text.split(/\r?\n/).some((line) => {
    const checked = checkUrl(line);
    return line.trim() !== '' && checked.ok && checked.insecure;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { urls, problems: bad } = parseUrlList(text);
    setProblems(bad);
    if (urls.length === 0) {
      if (bad.length === 0) setProblems(['Give the address of a video, one per line.']);
      return;
    }
    setBusy(true);
    const opened = await Promise.all(
      urls.map((url) =>
        openUrl(url, { variant }).then(
          (remote) => ({ remote, problem: null }),
          (error: unknown) => ({ remote: null, problem: toSnapframeError(error).message }),
        ),
      ),
    );
    setBusy(false);
    setProblems([...bad, ...opened.flatMap((o) => (o.problem ? [o.problem] : []))]);
    const remotes = opened.flatMap((o) => (o.remote ? [o.remote] : []));
    if (remotes.length > 0) {
      setText('');
      void openFiles(remotes);
    }
  };

  if (!shown) {
    return (
      <button type="button" className="button" onClick={() => setShown(true)}>
        Open a URL
      </button>
    );
  }
  return (
    <form className="url-open" onSubmit={(e) => void submit(e)} aria-label="Open a URL">
      <label className="url-open__field">
        Video URL
        <textarea
          rows={2}
          value={text}
          placeholder="https://example.com/recording.mp4"
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label className="url-open__variant">
        HLS variant
        <input type="number" min={0} max={20} value={variant} onChange={(e) => setVariant(Math.max(0, Number(e.target.value) || 0))} />
      </label>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Opening…' : 'Open'}
      </button>
      <p className="hint">
        One address per line (MP4, MOV, WebM, MKV, TS on a server that answers range requests, or an HLS .m3u8; variant 0 is the highest).
        Only the parts needed are read, with no cookies.
        {insecure && ' An http:// address is not private: anyone on the network can see what is read.'}
      </p>
      {problems.map((problem) => (
        <p key={problem} role="alert" className="error">
          {problem}
        </p>
      ))}
    </form>
  );
}
