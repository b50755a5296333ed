import { httpStatusOf, toPublicError, isAppError } from '@/lib/errors';

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
 * Returns the failure value of a AppError (its public message and hint, plus `details` it
 * carries, e.g. a CONFLICT's digests); rethrows anything else (a bug, for toApiError to log).
 */
export function failFromRegistryError(err: unknown, field?: string): Failure {
  if (!isAppError(err)) throw err;
  const pub = toPublicError(err);
  const details = (err as { details?: unknown }).details;
  return fail(pub.code, pub.message, {
    retryable: pub.retryable,
    ...(pub.hint ? { hint: pub.hint } : {}),
    ...(field ? { fieldErrors: { [field]: [pub.message] } } : {}),
    ...(details !== undefined ? { details } : {}),
  });
}

/** Returns the JSON body and status a route handler sends for a result: the value, or `{ error }`. */
export function toHttp<T>(result: Result<T>, okStatus = 200): { body: unknown; status: number } {
  if (result.ok) return { body: result.value, status: okStatus };
  const { ok: _ok, ...error } = result;
  return { body: { error }, status: httpStatusOf(result.code) };
}
