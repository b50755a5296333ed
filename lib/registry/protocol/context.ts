import { isDigest } from '../digest';
import { AppError, isAppError } from '@/lib/errors';
import { isValidRepository, isValidTag } from '../reference';
import type { Authenticator } from '../auth/authenticator';
import type { Transport } from '../transport';

/** A repository on a registry (an ImageReference fits too). */
export interface RepositoryRef {
  /** Configured registry host, e.g. 'docker.io' or '127.0.0.1:5000'. */
  registry: string;
  /** Repository path, e.g. 'library/alpine'. */
  repository: string;
}

/** Options every operation takes. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** What operations share: the transport and the authenticator on top of it. */
export interface OperationContext {
  transport: Transport;
  auth: Authenticator;
}

/** How many times a body read that broke (reset, truncated, bytes not matching their digest) is tried. */
export const READ_ATTEMPTS = 3;

/**
 * Returns `read(await open())`, opening again (a new request) while the body broke on the way: a
 * reset or cut connection, or bytes that do not hash to their digest. Errors of `open()` are final
 * (the transport already retried the request); only the reading of a response that started well
 * is retried here. Throws the last error.
 */
export async function rereadOnBrokenBody<R, T>(
  open: () => Promise<R>,
  read: (res: R) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await open();
    try {
      return await read(res);
    } catch (err) {
      const broken =
        isAppError(err) &&
        (err.code === 'DIGEST_MISMATCH' ||
          ((err.code === 'NETWORK' || err.code === 'TIMEOUT') && err.retryable));
      if (!broken || attempt >= READ_ATTEMPTS) throw err;
    }
  }
}

/** Returns `/v2/<repository>/<rest>`; throws NAME_INVALID for an invalid repository path. */
export function repoPath(repo: RepositoryRef, rest: string): string {
  if (!isValidRepository(repo.repository)) {
    throw new AppError('NAME_INVALID', `Invalid repository name "${repo.repository}"`);
  }
  return `/v2/${repo.repository}/${rest}`;
}

/** Returns the reference unchanged when it is a tag or a digest; throws INVALID_REFERENCE otherwise. */
export function checkReference(reference: string): string {
  if (isDigest(reference) || isValidTag(reference)) return reference;
  throw new AppError(
    'INVALID_REFERENCE',
    `"${reference}" is neither a tag nor a sha256/sha512 digest`,
  );
}

/** Returns the digest unchanged; throws DIGEST_INVALID when it is not a sha256/sha512 digest. */
export function checkDigest(digest: string): string {
  if (isDigest(digest)) return digest;
  throw new AppError('DIGEST_INVALID', `"${digest}" is not a sha256 or sha512 digest`);
}

/** Returns the URL of the rel="next" link of a `Link` header, or undefined. */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel="?next"?(\s*;|\s*$)/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}

/**
 * Returns the URL of a page: the first page built from `n`, or the opaque cursor (a Link URL we
 * handed out) resolved against the registry. Throws INVALID_ARGUMENT when the cursor points at
 * another host or another listing (cursors may come from a browser).
 */
export function pageUrl(
  ctx: OperationContext,
  registry: string,
  path: string,
  opts: { n?: number; cursor?: string },
): string {
  const base = ctx.transport.baseUrl(registry);
  if (opts.cursor !== undefined) {
    let url: URL;
    try {
      url = new URL(opts.cursor, base);
    } catch {
      throw new AppError('INVALID_ARGUMENT', 'Invalid page cursor');
    }
    if (url.origin !== base.origin || url.pathname !== path) {
      throw new AppError('INVALID_ARGUMENT', 'The page cursor does not belong to this listing');
    }
    return url.toString();
  }
  const url = new URL(path, base);
  if (opts.n !== undefined) {
    if (!Number.isInteger(opts.n) || opts.n < 1)
      throw new AppError('INVALID_ARGUMENT', `Invalid page size ${opts.n}`);
    url.searchParams.set('n', String(opts.n));
  }
  return url.toString();
}
