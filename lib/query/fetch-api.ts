import { toPublicError, type PublicError } from '@/lib/errors';

/** A failed call to Manifold's own JSON API, carrying the public error the route returned. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint: string | undefined;
  readonly retryable: boolean;

  constructor(status: number, body: PublicError) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.hint = body.hint;
    this.retryable = body.retryable;
  }
}

/** Returns true when `err` is an ApiError (structurally, so it survives bundling). */
export function isApiError(err: unknown): err is ApiError {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ApiError';
}

function isPublicError(value: unknown): value is PublicError {
  const v = value as Partial<PublicError> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.code === 'string' &&
    typeof v.message === 'string'
  );
}

/**
 * Returns the JSON body of a GET to one of Manifold's API routes. Throws ApiError with the route's
 * `{ error }` on a non-2xx answer, and ApiError NETWORK when the server cannot be reached.
 */
export async function fetchApi<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, {
      code: 'NETWORK',
      message: 'Manifold’s server did not answer.',
      hint: 'Check that Manifold is still running, then try again.',
      retryable: true,
    });
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as { error?: unknown } | undefined)?.error;
    throw new ApiError(
      res.status,
      isPublicError(error)
        ? error
        : {
            code: 'INTERNAL',
            message: `Manifold’s server answered ${res.status}.`,
            retryable: res.status >= 500,
          },
    );
  }
  return body as T;
}

/** Returns what a user should read about any error: an ApiError's own fields, else toPublicError. */
export function describeError(err: unknown): PublicError {
  if (isApiError(err)) {
    return {
      code: err.code,
      message: err.message,
      ...(err.hint ? { hint: err.hint } : {}),
      retryable: err.retryable,
    };
  }
  return toPublicError(err);
}

/** React Query `retry`: once more for retryable failures, never for answers like "no such repository". */
export function retryApi(failureCount: number, err: unknown): boolean {
  if (isApiError(err)) return err.retryable && failureCount < 2;
  return failureCount < 1;
}
