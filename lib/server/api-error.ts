import 'server-only';

import { NextResponse } from 'next/server';

import { toPublicError } from '@/lib/error-messages';
import { isRegistryError } from '@/lib/registry/errors';

const statusByCode: Record<string, number> = {
  INVALID_REFERENCE: 400,
  INVALID_PLATFORM: 400,
  INVALID_ARGUMENT: 400,
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  DENIED: 403,
  NAME_UNKNOWN: 404,
  MANIFEST_UNKNOWN: 404,
  BLOB_UNKNOWN: 404,
  NOT_FOUND: 404,
  DELETE_DISABLED: 405,
  UNSUPPORTED: 405,
  CONFLICT: 409,
  TOO_LARGE: 413,
  SCHEMA1_UNSUPPORTED: 415,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOOMANYREQUESTS: 429,
  NETWORK: 502,
  DIGEST_MISMATCH: 502,
  INVALID_RESPONSE: 502,
  SERVER_ERROR: 502,
  TIMEOUT: 504,
};

/** Returns the JSON error response `{ error: { code, message, hint, retryable } }` with the right HTTP status. */
export function toApiError(err: unknown): NextResponse {
  const pub = toPublicError(err);
  if (!isRegistryError(err)) console.error(err);
  return NextResponse.json({ error: pub }, { status: statusByCode[pub.code] ?? 500 });
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
