import { isAppError } from './app-error';
import type { ErrorCode } from './codes';
import { toPublicError, type PublicError } from './messages';

/**
 * An expected failure, returned as a value (never thrown): the public error shape, safe to show in
 * the browser. `lib/http` turns it into an HTTP answer with `httpStatusOf(code)`.
 */
export interface Failure extends PublicError {
  ok: false;
  code: ErrorCode;
}

export type Result<T> = { ok: true; value: T } | Failure;

/** Returns a success value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Returns a failure value. */
export function fail(
  code: ErrorCode,
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
 * Returns the failure value of an AppError (its public message, hint and details, e.g. a
 * CONFLICT's digests), naming `field` when given; rethrows anything else (a bug, for the door to log).
 */
export function failFrom(err: unknown, field?: string): Failure {
  if (!isAppError(err)) throw err;
  const pub = toPublicError(err);
  return fail(err.code, pub.message, {
    retryable: pub.retryable,
    ...(pub.hint ? { hint: pub.hint } : {}),
    ...(field
      ? { fieldErrors: { [field]: [pub.message] } }
      : pub.fieldErrors
        ? { fieldErrors: pub.fieldErrors }
        : {}),
    ...(pub.details !== undefined ? { details: pub.details } : {}),
  });
}
