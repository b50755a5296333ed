/**
 * Browser side of the drafts API: React Query keys and query options. Types come
 * from lib (type-only imports: nothing server-side reaches the bundle).
 */
import { queryOptions } from '@tanstack/react-query';

import type { DraftPreview, DraftView, ResolvedReference } from '@/lib/drafts';
import { apiFetch } from '@/lib/query/api-fetch';
import type { Job } from '@/lib/jobs';
import type { ActivityRecord, DraftSummary } from '@/lib/store';

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

/**
 * Returns the query options of a job, followed while it is queued or running with a long poll:
 * each fetch waits on the server until the job changed since the copy we hold (a progress write,
 * the end), so the end shows the moment it happens without asking every second.
 */
export function jobQuery(id: string) {
  const queryKey = jobKeys.detail(id);
  return queryOptions({
    queryKey,
    queryFn: ({ signal, client }) => {
      const held = client.getQueryData<Job>(queryKey);
      const following = held && (held.status === 'queued' || held.status === 'running');
      const q = following ? `?wait=20000&since=${encodeURIComponent(held.updatedAt)}` : '';
      return apiFetch<Job>(`/api/jobs/${encodeURIComponent(id)}${q}`, { signal });
    },
    staleTime: 0,
    // While a long poll is out, the next tick joins it; once it answers, the next poll starts.
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status === 'queued' || status === 'running') return 100;
      return status === undefined ? 1000 : false;
    },
  });
}

export type { ActivityRecord, DraftPreview, DraftSummary, DraftView, Job, ResolvedReference };

/** Returns the URL of a draft's entry. */
export function entryUrl(draftId: string, digest: string): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/entries/${encodeURIComponent(digest)}`;
}
