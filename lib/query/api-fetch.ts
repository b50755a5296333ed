import { AppError, fromPublicError, isAppError, type PublicError } from '@/lib/errors';

/** What a call to Manifold's own JSON API may send. */
export interface ApiFetchInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
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

function networkError(cause: unknown): AppError<'NETWORK'> {
  return new AppError('NETWORK', 'Manifold’s server did not answer. Is it still running?', {
    hint: 'Check that Manifold is still running, then try again.',
    retryable: true,
    cause,
  });
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns the JSON answer of one of Manifold's API routes: the browser's one fetcher. Throws the
 * AppError of the route's `{ error }` answer (with its HTTP status), AppError NETWORK when the
 * server cannot be reached, and the AbortError itself when `signal` aborts.
 */
export async function apiFetch<T>(url: string, init: ApiFetchInit = {}): Promise<T> {
  const method = init.method ?? 'GET';
  // Writes always declare JSON, body or not: the server refuses any other content type.
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
      cache: 'no-store',
    });
  } catch (err) {
    if (init.signal?.aborted || (err as Error).name === 'AbortError') throw err;
    throw networkError(err);
  }
  const body = await readJson(res);
  if (res.ok) return body as T;
  const error = (body as { error?: unknown } | undefined)?.error;
  throw fromPublicError(
    isPublicError(error)
      ? error
      : {
          code: 'INTERNAL',
          message: `Manifold’s server answered ${res.status}.`,
          retryable: res.status >= 500,
        },
    res.status,
  );
}

/** React Query `retry`: once more for retryable failures, never for answers like "no such repository". */
export function retryApi(failureCount: number, err: unknown): boolean {
  if (isAppError(err)) return err.retryable && failureCount < 2;
  return failureCount < 1;
}
