import { AppError, type TagConflict } from '@/lib/errors';

import type { CallOptions, RepositoryRef } from '../protocol/context';
import type { ManifestHead } from './manifests';

/**
 * Every write to an existing tag carries the digest the user last saw there (`expectedDigest`;
 * null = the tag must not exist yet). A tag that moved in between is a CONFLICT naming both
 * digests, never a silent overwrite; callers offer an explicit "overwrite anyway" (force).
 */

/** A tag to write, with the digest the user last saw there (null: the tag must not exist). */
export interface TagTarget extends RepositoryRef {
  tag: string;
  expectedDigest: string | null;
}

/** A tag that no longer holds what the user saw: the one conflict shape, declared in lib/errors. */
export type { TagConflict };

/** The error a conflict is reported with: code CONFLICT, both digests in the message and in `details.conflicts`. */
export type TagConflictError = AppError<'CONFLICT'>;

/** Returns 'registry/repository:tag'. */
export function tagReference(t: RepositoryRef & { tag: string }): string {
  return `${t.registry}/${t.repository}:${t.tag}`;
}

/**
 * Returns 'registry/repository@digest', the lock key of a manifest in one repository: a delete
 * holds it, and so does every write that reads it as a source or puts it under a tag there.
 */
export function digestReference(r: RepositoryRef, digest: string): string {
  return `${r.registry}/${r.repository}@${digest}`;
}

/** Returns the MANIFEST_UNKNOWN error of a source deleted while a write to its repository waited. */
export function sourceDeletedError(s: RepositoryRef & { digest: string }): AppError {
  return new AppError(
    'MANIFEST_UNKNOWN',
    `${digestReference(s, s.digest)} was deleted while this write waited for it; nothing was written (writing it would bring the deleted manifest back).`,
  );
}

/** Returns a CONFLICT AppError whose message names both digests of every tag that moved. */
export function tagConflictError(conflicts: readonly TagConflict[]): TagConflictError {
  const text = conflicts
    .map(
      (c) =>
        `${c.reference} now points at ${c.actual ?? 'nothing (the tag is gone)'}, but you last saw ${c.expected ?? 'no such tag'}`,
    )
    .join('; ');
  return new AppError(
    'CONFLICT',
    `The tag changed since you looked at it: ${text}. Nothing was written. Review it again, or overwrite anyway.`,
    { details: { conflicts: [...conflicts] } },
  );
}

/**
 * Returns what each target tag holds now (null when it does not exist) and the targets in conflict:
 * a tag conflicts when it holds neither the expected digest nor `newDigest` (writing what is already
 * there is never a conflict). Throws the registry's errors (NETWORK, UNAUTHORIZED, ...).
 */
export async function checkTags(
  client: {
    headManifest(
      repo: RepositoryRef,
      reference: string,
      opts?: CallOptions,
    ): Promise<ManifestHead | undefined>;
  },
  targets: readonly TagTarget[],
  newDigest: string | undefined,
  opts: CallOptions = {},
): Promise<{ current: Map<string, string | null>; conflicts: TagConflict[] }> {
  const current = new Map<string, string | null>();
  const conflicts: TagConflict[] = [];
  // Every tag at once: one round trip however many targets.
  const heads = await Promise.all(targets.map((t) => client.headManifest(t, t.tag, opts)));
  for (const [i, t] of targets.entries()) {
    const reference = tagReference(t);
    const actual = heads[i]?.digest ?? null;
    current.set(reference, actual);
    if (actual !== t.expectedDigest && (newDigest === undefined || actual !== newDigest)) {
      conflicts.push({ reference, expected: t.expectedDigest, actual });
    }
  }
  return { current, conflicts };
}

/** One tag written (or found already holding the digest): what retag, copy and push report per tag. */
export interface TagWriteResult {
  reference: string;
  registry: string;
  repository: string;
  tag: string;
  digestBefore: string | null;
  digestAfter: string;
  /** False when the tag already held the digest. */
  changed: boolean;
}

/**
 * Runs `fn` while holding every named tag ('registry/repository:tag') and manifest
 * ('registry/repository@digest'), so no other writer checks, PUTs or deletes them in between.
 * distribution has no conditional PUT or DELETE: the guard is the caller's (a lease in Manifold's
 * store, shared by every job and process, taken in one global order).
 */
export type TagLocker = <T>(references: readonly string[], fn: () => Promise<T>) => Promise<T>;

/** The locker of a caller that writes alone (tests, scripts): runs `fn` at once. */
export const noTagLock: TagLocker = (_references, fn) => fn();

/**
 * Returns once a HEAD shows the tag holding `digest`, the digest just written. Throws CONFLICT
 * naming both digests when it holds something else (another writer changed it at the same moment).
 */
export async function verifyTagHolds(
  client: {
    headManifest(
      repo: RepositoryRef,
      reference: string,
      opts?: CallOptions,
    ): Promise<ManifestHead | undefined>;
  },
  t: RepositoryRef & { tag: string },
  digest: string,
  opts: CallOptions = {},
): Promise<void> {
  const actual = (await client.headManifest(t, t.tag, opts))?.digest ?? null;
  if (actual === digest) return;
  const reference = tagReference(t);
  throw new AppError(
    'CONFLICT',
    `${reference} was written with ${digest}, but right after it holds ${actual ?? 'nothing'}: another writer changed it at the same moment. Look at the tag again before writing once more.`,
    { details: { conflicts: [{ reference, expected: digest, actual }] } },
  );
}

/** Returns once a HEAD shows the tag holding `digest`; throws CONFLICT (both digests) when it holds something else. */
export async function verifyTag(
  client: Parameters<typeof verifyTagHolds>[0],
  t: RepositoryRef & { tag: string },
  digest: string,
  signal?: AbortSignal,
): Promise<void> {
  await verifyTagHolds(client, t, digest, signal ? { signal } : {});
}
