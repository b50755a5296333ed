/**
 * Browser side of the coverage API: React Query keys and query options. Types come from lib
 * (type-only imports: nothing server-side reaches the bundle).
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';

import { apiFetch } from '@/lib/query/api-fetch';
import type { ScanEstimate, ScanParamsInput, ScanTotals, ScanView } from '@/lib/coverage';
import type { CoverageFilter, CoverageRepoRecord } from '@/lib/store';

export type { ScanEstimate, ScanParamsInput, ScanTotals, ScanView };
export type { CoverageFilter, CoverageRepoRecord };

export interface RepoPage {
  repositories: CoverageRepoRecord[];
  total: number;
  next?: string;
}

const FILTER_KEYS = ['missing', 'has', 'only', 'q'] as const;

/** Returns the filter as query-string text (empty fields left out). */
export function filterQuery(filter: CoverageFilter): string {
  const sp = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filter[k]) sp.set(k, filter[k]);
  return sp.toString();
}

export const coverageKeys = {
  all: ['coverage'] as const,
  scans: (registry: string) => ['coverage', 'scans', registry] as const,
  scan: (id: string) => ['coverage', 'scan', id] as const,
  totals: (id: string, compare: string | undefined) =>
    ['coverage', 'totals', id, compare ?? ''] as const,
  repos: (id: string, filter: CoverageFilter) =>
    ['coverage', 'repos', id, filterQuery(filter)] as const,
};

/** The scans of a registry, newest first. */
export function scansQuery(registry: string) {
  return queryOptions({
    queryKey: coverageKeys.scans(registry),
    queryFn: ({ signal }) =>
      apiFetch<{ scans: ScanView[] }>(
        `/api/coverage/scans?registry=${encodeURIComponent(registry)}`,
        { signal },
      ),
    enabled: registry !== '',
  });
}

const ACTIVE = new Set(['queued', 'running']);

/** Returns true while the scan's job is queued or running. */
export function isActive(scan: ScanView | undefined): boolean {
  return scan !== undefined && ACTIVE.has(scan.status);
}

/** One scan, polled every second while it runs. */
export function scanQuery(id: string) {
  return queryOptions({
    queryKey: coverageKeys.scan(id),
    queryFn: ({ signal }) =>
      apiFetch<ScanView>(`/api/coverage/scans/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (q) => (isActive(q.state.data) ? 1000 : false),
  });
}

/** Totals per platform, with the change since `compare`. */
export function totalsQuery(id: string, compare: string | undefined) {
  return queryOptions({
    queryKey: coverageKeys.totals(id, compare),
    queryFn: ({ signal }) =>
      apiFetch<ScanTotals>(
        `/api/coverage/scans/${encodeURIComponent(id)}/totals${compare ? `?compare=${encodeURIComponent(compare)}` : ''}`,
        { signal },
      ),
  });
}

export const REPO_PAGE_SIZE = 200;

/** The matching repositories, a page of 200 at a time (keyset cursor `after`). */
export function reposQuery(id: string, filter: CoverageFilter) {
  return infiniteQueryOptions({
    queryKey: coverageKeys.repos(id, filter),
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => {
      const q = filterQuery(filter);
      const after = pageParam ? `&after=${encodeURIComponent(pageParam)}` : '';
      return apiFetch<RepoPage>(
        `/api/coverage/scans/${encodeURIComponent(id)}/repositories?limit=${REPO_PAGE_SIZE}${q ? `&${q}` : ''}${after}`,
        { signal },
      );
    },
    getNextPageParam: (last) => last.next,
  });
}

/** Returns the export URL of a filtered view. */
export function exportUrl(id: string, format: 'csv' | 'json', filter: CoverageFilter): string {
  const q = filterQuery(filter);
  return `/api/coverage/scans/${encodeURIComponent(id)}/export?format=${format}${q ? `&${q}` : ''}`;
}
