import { nextLink, pageUrl, type OperationContext, type RepositoryRef } from '../protocol/context';
import { endpointPath, send } from '../protocol/send';
import type { PageOptions } from './catalog';

export interface TagPage {
  /** Tags in the registry's order (distribution does not sort them). */
  tags: string[];
  /** Cursor of the next page; absent on the last page. */
  next?: string;
}

/** Returns one page of a repository's tags; throws NAME_UNKNOWN when the repository does not exist. */
export async function listTags(
  ctx: OperationContext,
  repo: RepositoryRef,
  opts: PageOptions = {},
): Promise<TagPage> {
  const url = pageUrl(ctx, repo.registry, endpointPath('listTags', repo), opts);
  const res = await send(ctx, 'listTags', repo, { url, signal: opts.signal });
  const next = nextLink(res.headers.get('link'));
  const body = (await res.json()) as { tags?: unknown };
  // distribution answers `"tags": null` for a repository whose tags were all deleted.
  const tags = Array.isArray(body.tags)
    ? body.tags.filter((t): t is string => typeof t === 'string')
    : [];
  return { tags, ...(next ? { next } : {}) };
}
