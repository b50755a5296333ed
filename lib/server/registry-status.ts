import 'server-only';

import { catalogResource, repositoryResource, type Resource } from '@/lib/auth/resources';
import { toPublicError } from '@/lib/errors';

import { getRegistryClient } from './registry';

/** What the home page says about one configured registry. */
export interface RegistryStatusView {
  host: string;
  state: 'reachable' | 'needs-credentials' | 'not-answering' | 'unreachable';
  /** One line under the name: the auth in use, or what went wrong and what to do. */
  detail: string;
}

/**
 * Returns the status of a configured registry from `GET /v2/`; never throws. A registry that
 * accepts connections and never answers is `not-answering` after the interactive deadline (the
 * shared client's, MANIFOLD_INTERACTIVE_TIMEOUT), so the home page finishes loading either way.
 */
export async function loadRegistryStatus(host: string): Promise<RegistryStatusView> {
  const result = await getRegistryClient().ping(host);
  if (result.reachable && !result.needsCredentials) {
    const detail =
      result.authScheme && result.authScheme !== 'none'
        ? `${result.authScheme} auth, signed in`
        : 'anonymous access';
    return { host, state: 'reachable', detail };
  }
  if (result.reachable && result.needsCredentials) {
    const detail = result.error
      ? (toPublicError(result.error).hint ?? toPublicError(result.error).message)
      : `${result.authScheme ?? ''} authentication required`;
    return { host, state: 'needs-credentials', detail };
  }
  const detail = result.error ? toPublicError(result.error).message : 'no answer';
  return {
    host,
    state: result.error?.code === 'TIMEOUT' ? 'not-answering' : 'unreachable',
    detail,
  };
}

const PAGE = 1000;
const MAX_PAGES = 5;

/** How many repositories a registry lists: a count, whether there are more, or why it cannot say. */
export type RepositoryCountView =
  { kind: 'count'; count: number; more: boolean } | { kind: 'no-catalog' } | { kind: 'unknown' };

/**
 * Returns how many repositories a registry holds, counted through its catalog (at most 5 pages
 * of 1000: beyond that `more`); never throws: a registry without a catalog is `no-catalog`, any
 * other failure `unknown` (the status beside it already explains it).
 */
export async function countRepositories(
  host: string,
  can: (resource: Resource) => boolean,
): Promise<RepositoryCountView> {
  // Counts only what the reader may pull, as the catalog page lists it; no grant on the registry:
  // not even the number is theirs to know, and the registry is not asked.
  if (!can(catalogResource(host))) return { kind: 'unknown' };
  const client = getRegistryClient();
  let count = 0;
  let cursor: string | undefined;
  // Each request has the interactive deadline; five pages together get no more than ten seconds.
  const signal = AbortSignal.timeout(10_000);
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.listRepositories(host, {
        n: PAGE,
        ...(cursor ? { cursor } : {}),
        signal,
      });
      count += res.repositories.filter((repository) =>
        can(repositoryResource({ registry: host, repository }, 'pull')),
      ).length;
      cursor = res.next;
      if (!cursor) break;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'UNSUPPORTED' ? { kind: 'no-catalog' } : { kind: 'unknown' };
  }
  return { kind: 'count', count, more: cursor !== undefined };
}
