import { NextResponse } from 'next/server';

import { httpStatusOf, isAppError, toPublicError, type Result } from '@/lib/errors';
import { log } from '@/lib/log';

/** Returns a JSON response (200 unless `init.status` says otherwise). */
export function json(body: unknown, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, init);
}

/**
 * Returns the one JSON error response: `{ error: { code, message, hint?, retryable, ... } }` with
 * the status of `httpStatusOf(code)`. Anything that is not an AppError is a bug: logged, 500 INTERNAL.
 */
export function toApiError(err: unknown): NextResponse {
  if (!isAppError(err)) log().error({ err }, 'unexpected error in a route');
  const error = toPublicError(err);
  return NextResponse.json({ error }, { status: httpStatusOf(error.code) });
}

/**
 * Returns the response of a service result: its value with `okStatus`, or the failure as
 * `{ error }` with the status of its code (the same table as thrown errors).
 */
export function respond<T>(result: Result<T>, okStatus = 200): NextResponse {
  if (result.ok) return NextResponse.json(result.value, { status: okStatus });
  const { ok: _ok, ...error } = result;
  return NextResponse.json({ error }, { status: httpStatusOf(error.code) });
}
