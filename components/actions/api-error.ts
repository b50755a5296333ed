import { ApiError, apiFetch } from '@/components/drafts/api';

export { ApiError, apiFetch };

/** A tag that moved, as a CONFLICT answer carries it. */
export interface Conflict {
  reference: string;
  expected: string | null;
  actual: string | null;
}

/** Returns true for the ApiError the drafts' apiFetch throws (structurally). */
export function isApiErrorLike(err: unknown): err is ApiError {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ApiError';
}

/** Returns the conflicts of a CONFLICT error (both digests per tag), or an empty list. */
export function conflictsOf(err: unknown): Conflict[] {
  if (!isApiErrorLike(err) || err.code !== 'CONFLICT') return [];
  const conflicts = (err.details as { conflicts?: Conflict[] } | undefined)?.conflicts;
  return Array.isArray(conflicts) ? conflicts : [];
}

/** Returns a failed job's error as an ApiError, so it shows like a failed request. */
export function jobErrorAsApiError(error: {
  code: string;
  message: string;
  hint?: string;
  retryable: boolean;
  details?: unknown;
}): ApiError {
  return new ApiError(error.code === 'CONFLICT' ? 409 : 422, error);
}
