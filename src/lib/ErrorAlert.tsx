import type { SerializedError } from '../core/job/errors';

/** ` (ffmpeg says: "…")` inside an error sentence: the decoder's own words, shown under "Details". */
const FFMPEG_SAYS = /\s*\(ffmpeg says:? "([^"]*)"\)/;

/**
 * An error as the user sees it: the sentence that says what happened and what to do, announced (role=alert); the
 * decoder's own words (`ffmpeg says: "…"`) and the engine's last log lines, when the error carries them, folded
 * under "Details" (SPEC "Errors": InternalError and UnsupportedMedia keep the log tail).
 */
export function ErrorAlert({ error }: { error: SerializedError }) {
  const said = FFMPEG_SAYS.exec(error.message);
  const sentence = said ? error.message.replace(FFMPEG_SAYS, '') : error.message;
  const log = error.logTail ?? [];
  return (
    <div role="alert" className="error">
      <p>{sentence}</p>
      {(said || log.length > 0) && (
        <details>
          <summary>
            Details: {said && log.length > 0 ? "ffmpeg's words and the engine log" : said ? "ffmpeg's words" : 'the engine log'}
          </summary>
          {said && <p>ffmpeg says: &quot;{said[1]}&quot;</p>}
          {log.length > 0 && <pre className="log">{log.join('\n')}</pre>}
        </details>
      )}
    </div>
  );
}
