import { toPublicError } from '@/lib/error-messages';
import { isRegistryError } from '@/lib/registry/errors';

/** An expected failure, returned as a value (never thrown) and safe to show in the browser. */
export interface Failure {
  ok: false;
  code: string;
  message: string;
  hint?: string;
  retryable: boolean;
  /** Input field -> problems, for forms. */
  fieldErrors?: Record<string, string[]>;
  /** Structured facts, e.g. `{ conflicts }` or `{ issues }`. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | Failure;

/** Returns a success value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Returns a failure value. */
export function fail(
  code: string,
  message: string,
  extra: {
    hint?: string;
    retryable?: boolean;
    fieldErrors?: Record<string, string[]>;
    details?: unknown;
  } = {},
): Failure {
  return {
    ok: false,
    code,
    message,
    retryable: extra.retryable ?? false,
    ...(extra.hint ? { hint: extra.hint } : {}),
    ...(extra.fieldErrors ? { fieldErrors: extra.fieldErrors } : {}),
    ...(extra.details !== undefined ? { details: extra.details } : {}),
  };
}

/**
 * Returns the failure value of a RegistryError (its public message and hint, plus `details` it
 * carries, e.g. a CONFLICT's digests); rethrows anything else (a bug, for toApiError to log).
 */
export function failFromRegistryError(err: unknown, field?: string): Failure {
  if (!isRegistryError(err)) throw err;
  const pub = toPublicError(err);
  const details = (err as { details?: unknown }).details;
  return fail(pub.code, pub.message, {
    retryable: pub.retryable,
    ...(pub.hint ? { hint: pub.hint } : {}),
    ...(field ? { fieldErrors: { [field]: [pub.message] } } : {}),
    ...(details !== undefined ? { details } : {}),
  });
}

/** Returns the HTTP status for a failure code (400 input, 404 not found, 409 conflict, 422 INVALID_DRAFT, 502 registry). */
export function statusForFailure(code: string): number {
  switch (code) {
    case 'VALIDATION':
    case 'INVALID_REFERENCE':
    case 'INVALID_PLATFORM':
    case 'INVALID_ARGUMENT':
    case 'NAME_INVALID':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'DENIED':
      return 403;
    case 'NOT_FOUND':
    case 'DRAFT_NOT_FOUND':
    case 'MANIFEST_UNKNOWN':
    case 'NAME_UNKNOWN':
    case 'BLOB_UNKNOWN':
      return 404;
    case 'CONFLICT':
    case 'STALE_PREVIEW':
    case 'REVISION_CONFLICT':
      return 409;
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'SCHEMA1_UNSUPPORTED':
      return 415;
    case 'TOOMANYREQUESTS':
      return 429;
    case 'TIMEOUT':
      return 504;
    case 'NETWORK':
    case 'SERVER_ERROR':
    case 'INVALID_RESPONSE':
    case 'DIGEST_MISMATCH':
      return 502;
    default:
      return 422;
  }
}

/** Returns the JSON body and status a route handler sends for a result: the value, or `{ error }`. */
export function toHttp<T>(result: Result<T>, okStatus = 200): { body: unknown; status: number } {
  if (result.ok) return { body: result.value, status: okStatus };
  const { ok: _ok, ...error } = result;
  return { body: { error }, status: statusForFailure(result.code) };
}
