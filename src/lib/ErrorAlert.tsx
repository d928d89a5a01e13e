import type { SerializedError } from '../core/job/errors';

/**
 * An error as the user sees it: its sentence, announced (role=alert), with the engine's last log lines folded
 * underneath when the error carries them (SPEC "Errors": InternalError and UnsupportedMedia keep the log tail).
 */
export function ErrorAlert({ error }: { error: SerializedError }) {
  return (
    <div role="alert" className="error">
      <p>{error.message}</p>
      {error.logTail && error.logTail.length > 0 && (
        <details>
          <summary>Engine log</summary>
          <pre className="log">{error.logTail.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
