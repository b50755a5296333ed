import { lastChangedTimes } from '@/lib/store';

/**
 * Returns when each of the tags last changed as Manifold recorded it (its own actions, registry
 * events, reconcile checks), for the tags it has a record of. Throws on SQLite errors.
 */
export function lastPushed(
  registry: string,
  repository: string,
  tags: readonly string[],
): Record<string, string> {
  const all = lastChangedTimes(registry, repository);
  const out: Record<string, string> = {};
  for (const t of tags) if (all[t]) out[t] = all[t];
  return out;
}
