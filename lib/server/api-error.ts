import 'server-only';

import { NextResponse } from 'next/server';

import { httpStatusOf, toPublicError, isAppError } from '@/lib/errors';

/** Returns the JSON error response `{ error: { code, message, hint, retryable } }` with the right HTTP status. */
export function toApiError(err: unknown): NextResponse {
  const pub = toPublicError(err);
  if (!isAppError(err)) console.error(err);
  return NextResponse.json({ error: pub }, { status: httpStatusOf(pub.code) });
}

/** Returns a 400 response for input that failed validation. */
export function badRequest(message: string, fieldErrors?: Record<string, string[]>): NextResponse {
  return NextResponse.json(
    {
      error: {
        code: 'VALIDATION',
        message,
        retryable: false,
        ...(fieldErrors ? { fieldErrors } : {}),
      },
    },
    { status: 400 },
  );
}
