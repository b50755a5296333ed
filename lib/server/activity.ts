import 'server-only';

import { type ActivityAction, type ActivityQuery, type ActivityRecord } from '@/lib/store';

/** The actions the activity page can filter on, in the order its select lists them. */
export const ACTIVITY_ACTIONS: readonly ActivityAction[] = [
  'push',
  'retag',
  'copy',
  'delete',
  'untag',
  'restore',
  'remove-platform',
];

/** Rows per page of the activity log. */
export const ACTIVITY_PAGE = 50;

type Search = Record<string, string | string[] | undefined>;

/** What the activity page shows: the filter as read from the URL, its rows, the older page's link. */
export interface ActivityPageData {
  filter: {
    registry?: string | undefined;
    repository?: string | undefined;
    tag?: string | undefined;
  };
  action: ActivityAction | undefined;
  rows: ActivityRecord[];
  /** `?…&before=<id>` for the next (older) page, with the same filter; undefined on the last page. */
  olderQuery: string | undefined;
}

/**
 * Returns the activity page for the URL's search parameters (registry, repository, tag, action,
 * before): unknown actions and empty or repeated values are ignored. Reads the store; never throws
 * for bad input.
 */
export function activityPage(
  search: Search,
  // No default: the page passes the reader's filtered list, so no caller shows every row by accident.
  list: (query: ActivityQuery) => ActivityRecord[],
): ActivityPageData {
  const one = (k: string) => {
    const v = search[k];
    return typeof v === 'string' && v ? v : undefined;
  };
  const action = ACTIVITY_ACTIONS.find((a) => a === one('action'));
  const before = Number(one('before')) || undefined;
  const filter = { registry: one('registry'), repository: one('repository'), tag: one('tag') };
  const rows = list({
    ...(filter.registry ? { registry: filter.registry } : {}),
    ...(filter.repository ? { repositoryPart: filter.repository } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
    ...(action ? { action } : {}),
    ...(before ? { before } : {}),
    limit: ACTIVITY_PAGE,
  });
  const next = rows.length === ACTIVITY_PAGE ? rows.at(-1)?.id : undefined;
  const kept = Object.entries({ ...filter, ...(action ? { action } : {}) }).filter(
    (e): e is [string, string] => !!e[1],
  );
  const olderQuery =
    next === undefined
      ? undefined
      : `?${new URLSearchParams({ ...Object.fromEntries(kept), before: String(next) }).toString()}`;
  return { filter, action, rows, olderQuery };
}
