/**
 * The one error catalogue (STYLE rule 6): stable codes, each mapped to its HTTP status here and
 * nowhere else. Services throw `AppError`; the HTTP layer turns it into
 * `{ "error": { "code", "message" } }`. Unknown errors are logged in full and answered as a bare 500.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PASSWORD_POLICY: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_INVALID: 401,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  LOGIN_STEP_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNIT_HAS_CHILDREN: 409,
  UNIT_CYCLE: 409,
  USERNAME_TAKEN: 409,
  UNIT_CODE_TAKEN: 409,
  LAST_ADMIN: 409,
  CASE_READ_ONLY: 409,
  WORKFLOW_STEP_REFUSED: 409,
  EVIDENCE_NOT_SEALED: 409,
  VICTIM_AUTHORISATION_REQUIRED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UPLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UPLOAD_TYPE_NOT_ALLOWED: 415,
  UPLOAD_REFUSED: 422,
  CHAT_PARSE_FAILED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An expected failure with a stable code; its message is safe to show to the user. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code];
  }
}

/** The answer for an object that does not exist *or* that the actor may not know exists. */
export function notFound(objectType: string): AppError {
  return new AppError('NOT_FOUND', `${objectType} not found`);
}
