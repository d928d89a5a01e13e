/**
 * Typed errors with the codes of docs/SPEC.md ("Errors"). Every message is a sentence a user can act on.
 * Errors cross the worker boundary as {@link SerializedError} and are rebuilt with {@link errorFromJSON}.
 */
export type ErrorCode = 'InvalidParameter' | 'UnsupportedMedia' | 'FileUnreadable' | 'ResourceLimit' | 'Cancelled' | 'InternalError';

/** Plain-data form of a {@link SnapframeError}, safe to post between threads and store. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  /** Last lines of the engine log (ffmpeg's stderr), for InternalError and UnsupportedMedia. */
  logTail?: string[];
  /** For InvalidParameter: the field at fault (e.g. "offsets", "width"). */
  field?: string;
}

export class SnapframeError extends Error {
  readonly code: ErrorCode;
  readonly logTail: string[] | undefined;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { logTail?: string[]; field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = code;
    this.code = code;
    this.logTail = options.logTail;
    this.field = options.field;
  }

  toJSON(): SerializedError {
    const out: SerializedError = { code: this.code, message: this.message };
    if (this.logTail) out.logTail = this.logTail;
    if (this.field) out.field = this.field;
    return out;
  }
}

/** A spec value out of range or malformed. The message names the field and the allowed range. */
export class InvalidParameterError extends SnapframeError {
  constructor(field: string, message: string) {
    super('InvalidParameter', message, { field });
  }
}

/** The file is not a video that can be read, or has no video stream. */
export class UnsupportedMediaError extends SnapframeError {
  constructor(message: string, logTail?: string[]) {
    super('UnsupportedMedia', message, logTail ? { logTail } : {});
  }
}

/** The browser can no longer read the file (moved, deleted, permission revoked). */
export class FileUnreadableError extends SnapframeError {
  constructor(message: string) {
    super('FileUnreadable', message);
  }
}

/** The job would exceed memory or canvas limits. */
export class ResourceLimitError extends SnapframeError {
  constructor(message: string) {
    super('ResourceLimit', message);
  }
}

/** The user cancelled. The UI does not report it as a failure. */
export class CancelledError extends SnapframeError {
  constructor(message = 'Cancelled.') {
    super('Cancelled', message);
  }
}

/** The engine crashed or stopped responding; carries the engine log tail. The next job gets a fresh engine. */
export class InternalError extends SnapframeError {
  constructor(message: string, logTail?: string[]) {
    super('InternalError', message, logTail ? { logTail } : {});
  }
}

const CODES: readonly ErrorCode[] = [
  'InvalidParameter',
  'UnsupportedMedia',
  'FileUnreadable',
  'ResourceLimit',
  'Cancelled',
  'InternalError',
];

/** Rebuilds a typed error from its serialized form (e.g. after crossing the worker boundary). */
export function errorFromJSON(data: SerializedError): SnapframeError {
  const code = CODES.includes(data.code) ? data.code : 'InternalError';
  const options: { logTail?: string[]; field?: string } = {};
  if (data.logTail) options.logTail = data.logTail;
  if (data.field) options.field = data.field;
  return new SnapframeError(code, data.message, options);
}

/**
 * Normalises anything thrown into a {@link SnapframeError}: typed errors pass through, a DOM `AbortError`
 * becomes Cancelled, anything else an InternalError carrying its text.
 */
export function toSnapframeError(error: unknown): SnapframeError {
  if (error instanceof SnapframeError) return error;
  if (isSerializedError(error)) return errorFromJSON(error);
  if (error instanceof Error && error.name === 'AbortError') return new CancelledError();
  const text = error instanceof Error ? error.message : String(error);
  return new InternalError(`The engine failed unexpectedly: ${text}`);
}

/**
 * The same error with a message that names the file it is about (every sentence about a file or a job
 * names the file): `"<name>: <message>"` unless the message already contains the name. Code, log tail and field
 * are kept.
 */
export function namingFile(error: SnapframeError, fileName: string): SnapframeError {
  if (fileName === '' || error.message.includes(fileName)) return error;
  const options: { logTail?: string[]; field?: string; cause?: unknown } = { cause: error };
  if (error.logTail) options.logTail = error.logTail;
  if (error.field) options.field = error.field;
  return new SnapframeError(error.code, `${fileName}: ${error.message}`, options);
}

/** True for plain objects shaped like a {@link SerializedError}. */
export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && CODES.includes(v.code as ErrorCode) && typeof v.message === 'string';
}
