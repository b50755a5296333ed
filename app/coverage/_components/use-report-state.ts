'use client';

import { useCallback, useState } from 'react';

import type { CoverageFilter } from './coverage-api';

/** What the report shows; every field is a search parameter, so the URL shares the view. */
export interface ReportState {
  registry: string;
  scan?: string;
  compare?: string;
  filter: CoverageFilter;
}

const FILTER_KEYS = ['missing', 'has', 'only', 'q'] as const;

/** Returns the search parameters of a state (empty fields left out). */
export function stateToSearch(s: ReportState): URLSearchParams {
  const sp = new URLSearchParams();
  if (s.registry) sp.set('registry', s.registry);
  if (s.scan) sp.set('scan', s.scan);
  if (s.compare) sp.set('compare', s.compare);
  for (const k of FILTER_KEYS) if (s.filter[k]) sp.set(k, s.filter[k]);
  return sp;
}

/** Returns the report state and a setter that mirrors it into the URL without a navigation. */
export function useReportState(initial: ReportState): [ReportState, (next: ReportState) => void] {
  const [state, setState] = useState(initial);
  const update = useCallback((next: ReportState) => {
    setState(next);
    const search = stateToSearch(next).toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${search ? `?${search}` : ''}`,
    );
  }, []);
  return [state, update];
}
