/**
 * Browser side of the drafts API: fetch helpers, React Query keys and query options. Types come
 * from lib (type-only imports: nothing server-side reaches the bundle).
 */
import { queryOptions } from '@tanstack/react-query';

import type { DraftPreview, DraftView, ResolvedReference } from '@/lib/drafts';
import type { Job } from '@/lib/jobs';
import type { ActivityRecord, DraftSummary } from '@/lib/store';

/** An API failure as the browser sees it: `{ error: { code, message, hint?, fieldErrors?, details? } }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly hint: string | undefined;
  readonly retryable: boolean;
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly details: unknown;

  constructor(
    status: number,
    body: {
      code?: string;
      message?: string;
      hint?: string;
      retryable?: boolean;
      fieldErrors?: Record<string, string[]>;
      details?: unknown;
    },
  ) {
    super(body.message ?? `Request failed with HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'UNKNOWN';
    this.hint = body.hint;
    this.retryable = body.retryable ?? false;
    this.fieldErrors = body.fieldErrors;
    this.details = body.details;
  }
}

/** Returns the parsed JSON answer; throws ApiError for an error answer or a network failure. */
export async function apiFetch<T>(
  url: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, {
      code: 'NETWORK',
      message: 'Manifold’s server did not answer. Is it still running?',
      retryable: true,
    });
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: handled below
  }
  if (!res.ok) {
    const error = (json as { error?: ConstructorParameters<typeof ApiError>[1] } | undefined)
      ?.error;
    throw new ApiError(res.status, error ?? { message: `Request failed with HTTP ${res.status}` });
  }
  return json as T;
}

export const draftKeys = {
  all: ['drafts'] as const,
  list: () => ['drafts', 'list'] as const,
  detail: (id: string) => ['drafts', 'detail', id] as const,
  jobs: (id: string) => ['drafts', 'jobs', id] as const,
};

export const jobKeys = {
  detail: (id: string) => ['jobs', id] as const,
};

export const activityKeys = {
  list: (filter: Record<string, string | undefined>) => ['activity', filter] as const,
};

/** Returns the query options of the drafts list. */
export function draftsListQuery() {
  return queryOptions({
    queryKey: draftKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ drafts: DraftSummary[] }>('/api/drafts', { signal }),
  });
}

/** Returns the query options of one draft. */
export function draftQuery(id: string) {
  return queryOptions({
    queryKey: draftKeys.detail(id),
    queryFn: ({ signal }) =>
      apiFetch<DraftView>(`/api/drafts/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Returns the query options of a draft's recent push jobs (newest first). */
export function draftJobsQuery(id: string) {
  return queryOptions({
    queryKey: draftKeys.jobs(id),
    queryFn: ({ signal }) =>
      apiFetch<{ jobs: Job[] }>(`/api/drafts/${encodeURIComponent(id)}/jobs?limit=5`, { signal }),
  });
}

/** Returns the query options of a job, polled every second while it is queued or running. */
export function jobQuery(id: string) {
  return queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Job>(`/api/jobs/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'queued' || status === 'running' || status === undefined ? 1000 : false;
    },
  });
}

export type { ActivityRecord, DraftPreview, DraftSummary, DraftView, Job, ResolvedReference };

/** Returns the URL of a draft's entry. */
export function entryUrl(draftId: string, digest: string): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/entries/${encodeURIComponent(digest)}`;
}
