import { isApiErrorLike } from './api-error';

/** Returns what a user should read about a failed request: message and hint. */
export function describeApiError(err: unknown): { code: string; message: string; hint?: string } {
  if (isApiErrorLike(err))
    return { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
