/** Stable error codes: each names what went wrong so a caller (or a person reading logs) knows what to fix. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONTENT_INVALID'
  | 'CONTENT_NOT_FOUND'
  | 'INPUT_INVALID'
  | 'STORE_UNAVAILABLE'
  | 'STORE_CORRUPT'
  | 'STORE_DATA_LOST'
  | 'DIGEST_RETRY_LATER'
  | 'DIGEST_JOB_INVALID'
  | 'SLACK_AUTH_FAILED'
  | 'SLACK_API_ERROR'
  | 'TEAMS_UNAUTHORIZED'
  | 'TEAMS_AUTH_UNAVAILABLE'
  | 'TEAMS_ACTIVITY_INVALID'
  | 'TEAMS_SEND_FAILED'
  | 'SECRET_UNREADABLE'
  | 'INSTALLATION_NOT_FOUND'
  | 'INSTALLATION_UNREADABLE'
  | 'SLACK_TOKEN_REFRESH_FAILED';

/** An Error with a stable machine-readable code, so callers branch on the code and never on message text. */
export class CodedError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'CodedError';
  }
}

/** Narrow an unknown thrown value to a CodedError of the given code. */
export function isCodedError(err: unknown, code?: ErrorCode): err is CodedError {
  return err instanceof CodedError && (code === undefined || err.code === code);
}
