import { AppError, isAppError } from '@/lib/errors';
import { nextLink, pageUrl, type CallOptions, type OperationContext } from '../protocol/context';
import { endpointPath, send } from '../protocol/send';
import { isValidRepository } from '../reference';

export interface PageOptions extends CallOptions {
  /** Page size asked of the registry. */
  n?: number;
  /** Opaque cursor from a previous page's `next`. */
  cursor?: string;
}

export interface RepositoryPage {
  repositories: string[];
  /** Cursor of the next page; absent on the last page. */
  next?: string;
  /** Names on this page outside the repository grammar, left out (absent when none). */
  dropped?: number;
}

const CATALOG_PATH = endpointPath('catalog', '');

/**
 * Returns one page of the registry's repositories (`/v2/_catalog`); names outside the repository
 * grammar (`=cmd`, `../x`) are left out and counted. Throws UNSUPPORTED when the
 * registry does not list repositories (404/405, or a token without catalog access), UNAUTHORIZED
 * when it wants credentials we lack or refuses ours, PAGINATION_NUMBER_INVALID for a too large `n`.
 */
export async function listRepositories(
  ctx: OperationContext,
  registry: string,
  opts: PageOptions = {},
): Promise<RepositoryPage> {
  const url = pageUrl(ctx, registry, CATALOG_PATH, opts);
  try {
    const res = await send(ctx, 'catalog', registry, { url, signal: opts.signal });
    const next = nextLink(res.headers.get('link'));
    const body = (await res.json()) as { repositories?: unknown };
    const listed = Array.isArray(body.repositories) ? (body.repositories as unknown[]) : [];
    const repositories = listed.filter(
      (r): r is string => typeof r === 'string' && isValidRepository(r),
    );
    const dropped = listed.length - repositories.length;
    return { repositories, ...(next ? { next } : {}), ...(dropped > 0 ? { dropped } : {}) };
  } catch (err) {
    if (!isAppError(err)) throw err;
    const hasCredentials = Boolean(await ctx.auth.credentialsFor(registry));
    // A catalog the registry keeps from accepted credentials (Docker Hub, GHCR grant a token
    // without registry:catalog:*). Wrong credentials are not that: Basic has no scopes, and a
    // token server refusing them answers on its own URL, not the catalog's.
    const refused =
      (err.code === 'UNAUTHORIZED' || err.code === 'DENIED') &&
      hasCredentials &&
      ctx.auth.state(registry)?.scheme === 'bearer' &&
      (err.url ?? '').includes(CATALOG_PATH);
    if (err.status === 404 || err.status === 405 || err.code === 'UNSUPPORTED' || refused) {
      throw new AppError(
        'UNSUPPORTED',
        `${registry} does not list its repositories (no _catalog${refused ? ' access for these credentials' : ''}); type a repository name instead`,
        { status: err.status, errors: err.errors, method: err.method, url: err.url, cause: err },
      );
    }
    throw err;
  }
}
