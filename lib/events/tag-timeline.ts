import { listActivity, listTagChanges } from '@/lib/store';

import { buildTimeline, type TimelineEntry } from './timeline';

/** A tag in one repository of one registry. */
export interface TagKey {
  registry: string;
  repository: string;
  tag: string;
}

/** Returns the tag's whole recorded timeline, newest first (see buildTimeline); throws on SQLite errors. */
export function tagTimeline(key: TagKey): TimelineEntry[] {
  return buildTimeline(listActivity({ ...key, limit: 500 }), listTagChanges(key));
}

/** How a tag that no longer exists went, as far as the records say. */
export interface DeletedTag extends TagKey {
  /** When it was deleted; null when the records show no deletion (it went unseen). */
  at: string | null;
  by: string | null;
  how: TimelineEntry['how'] | null;
  /** The digest it held last. */
  lastDigest: string | null;
}

/**
 * Returns what the records say about a tag the registry no longer has, or undefined when Manifold
 * never recorded it (then a missing tag is simply unknown). Throws on SQLite errors.
 */
export function deletedTag(key: TagKey): DeletedTag | undefined {
  const timeline = tagTimeline(key);
  if (timeline.length === 0) return undefined;
  const newest = timeline[0]!;
  const deleted = newest.digest === null;
  return {
    ...key,
    at: deleted ? newest.from : null,
    by: deleted ? newest.who : null,
    how: deleted ? newest.how : null,
    lastDigest: timeline.find((e) => e.digest !== null)?.digest ?? null,
  };
}
