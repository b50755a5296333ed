import { AppError } from '@/lib/errors';
import type { RegistryClient } from '../client';
import type { RepositoryRef } from '../protocol/context';
import {
  digestReference,
  noTagLock,
  tagReference,
  type TagConflict,
  type TagLocker,
} from './tag-guard';
import { scanTags, tagsOn, type ScanOptions } from './tag-scan';

/**
 * Deleting on a registry. A manifest is deleted by digest (`regctl manifest delete`,
 * `skopeo delete`), which removes every tag on it; deleting a list never deletes its children
 * (`podman manifest rm` semantics). Removing one tag is optional in the spec: distribution 2.8
 * answers 400 DIGEST_INVALID, so "untag only" falls back to what `regctl tag delete` does.
 * Every delete is verified with a HEAD: success is only reported when the registry shows it.
 */

/** What deleting and untagging need from the registry client. */
export type DeleteClient = Pick<
  RegistryClient,
  | 'listTags'
  | 'headManifest'
  | 'getManifest'
  | 'deleteManifest'
  | 'deleteTag'
  | 'putManifest'
  | 'uploadBlob'
  | 'headBlob'
>;

export interface DeleteManifestOptions extends ScanOptions {
  /**
   * The tags the user saw on the digest. When given, a tag that now points at the digest but was
   * not seen is a CONFLICT (deleting would silently remove it), unless `force`.
   */
  seenTags?: readonly string[];
  force?: boolean;
  /** Holds the digest and every tag on it from the scan through the DELETE and its verification. */
  lockTags?: TagLocker;
  /**
   * Called once when the registry has removed the manifest (it accepted the DELETE, or its answer
   * was lost but the manifest is gone), before anything is reported: log the removal here, so it
   * is recorded even when the delete then fails. `verified`: a HEAD showed it all gone.
   */
  onDeleted?: (removed: { digest: string; tags: string[]; verified: boolean }) => void;
  /** Waits between the HEADs that look again when the registry still serves it (default 100, 300, 900 ms). */
  recheckDelaysMs?: readonly number[];
}

export interface DeleteManifestResult {
  digest: string;
  /** The tags that pointed at the digest and are gone with it. */
  tagsRemoved: string[];
}

// Tags that move onto the digest while the delete takes their leases make it look again; past
// this many rounds it gives up (CONFLICT) rather than chase them.
const LOCK_ROUNDS = 3;
const RECHECK_DELAYS_MS = [100, 300, 900];

type Round = { done: DeleteManifestResult } | { more: string[] };

/**
 * Returns what was deleted after deleting the manifest by digest and checking with HEADs (a few
 * times, a cache may lag) that the registry no longer serves it nor any tag that was on it.
 * Throws MANIFEST_UNKNOWN when it is already gone, CONFLICT for an unseen tag on it,
 * DELETE_DISABLED when deletes are off, and SERVER_ERROR when the registry accepted the delete
 * but still serves the manifest.
 */
export async function deleteManifestVerified(
  client: DeleteClient,
  repo: RepositoryRef,
  digest: string,
  opts: DeleteManifestOptions = {},
): Promise<DeleteManifestResult> {
  const lock = opts.lockTags ?? noTagLock;
  // The digest and the tags it holds are taken at once (one global order): a tag found on it that
  // is not held yet means starting over with it, never taking a lease while holding others.
  const held = new Set(opts.seenTags ?? []);
  for (let round = 1; ; round++) {
    const keys = [
      digestReference(repo, digest),
      ...[...held].map((tag) => tagReference({ ...repo, tag })),
    ];
    const r: Round = await lock(keys, () => deleteRound(client, repo, digest, held, opts));
    if ('done' in r) return r.done;
    if (round >= LOCK_ROUNDS) {
      throw new AppError(
        'CONFLICT',
        `Tags kept moving onto ${digest} while it was being deleted (${r.more.map((t) => `:${t}`).join(', ')}); nothing was deleted. Look again before deleting.`,
        { details: { conflicts: r.more.map((t) => conflictOf(repo, t, digest)) } },
      );
    }
    for (const t of r.more) held.add(t);
  }
}

function conflictOf(repo: RepositoryRef, tag: string, digest: string): TagConflict {
  return { reference: tagReference({ ...repo, tag }), expected: null, actual: digest };
}

/** One try under the leases: check, scan, and delete unless a tag on the digest is not held. */
async function deleteRound(
  client: DeleteClient,
  repo: RepositoryRef,
  digest: string,
  held: ReadonlySet<string>,
  opts: DeleteManifestOptions,
): Promise<Round> {
  const call = opts.signal ? { signal: opts.signal } : {};
  if (!(await client.headManifest(repo, digest, call))) {
    throw new AppError(
      'MANIFEST_UNKNOWN',
      `${repo.registry}/${repo.repository}@${digest} does not exist (any more); nothing was deleted`,
    );
  }
  const tags = tagsOn(await scanTags(client, repo, opts), digest);
  if (opts.seenTags && !opts.force) {
    const seen = new Set(opts.seenTags);
    const unseen = tags.filter((t) => !seen.has(t));
    if (unseen.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Since you looked, ${unseen.map((t) => `:${t}`).join(', ')} ${unseen.length === 1 ? 'was' : 'were'} pointed at ${digest}; deleting it would remove ${unseen.length === 1 ? 'that tag' : 'those tags'} too. Nothing was deleted. Review again, or delete anyway.`,
        { details: { conflicts: unseen.map((t) => conflictOf(repo, t, digest)) } },
      );
    }
  }
  const more = tags.filter((t) => !held.has(t));
  if (more.length > 0) return { more };
  try {
    await client.deleteManifest(repo, digest, call);
  } catch (err) {
    // The answer may be lost after the DELETE landed: a removal that happened is still reported.
    // Asked without the signal: a request cancelled mid-DELETE must still learn what it did.
    const gone = await client.headManifest(repo, digest).then(
      (h) => h === undefined,
      () => false,
    );
    if (gone) opts.onDeleted?.({ digest, tags, verified: false });
    throw err;
  }
  return { done: await verifyDeleted(client, repo, digest, tags, opts) };
}

/** Returns the result once HEADs show the manifest and its tags gone; throws SERVER_ERROR when they stay. */
async function verifyDeleted(
  client: DeleteClient,
  repo: RepositoryRef,
  digest: string,
  tags: string[],
  opts: DeleteManifestOptions,
): Promise<DeleteManifestResult> {
  const call = opts.signal ? { signal: opts.signal } : {};
  const served = async (): Promise<string[]> => {
    const refs = [digest, ...tags];
    const heads = await Promise.all(refs.map((ref) => client.headManifest(repo, ref, call)));
    return refs.filter((_, i) => heads[i]?.digest === digest);
  };
  let still: string[] | undefined;
  try {
    still = await served();
    // A cache or replica in front of the registry may lag behind it: look again a few times.
    for (const ms of opts.recheckDelaysMs ?? RECHECK_DELAYS_MS) {
      if (still.length === 0) break;
      await new Promise((r) => setTimeout(r, ms));
      still = await served();
    }
  } finally {
    opts.onDeleted?.({ digest, tags, verified: still?.length === 0 });
  }
  if (still.includes(digest)) {
    throw new AppError(
      'SERVER_ERROR',
      `The registry accepted the delete of ${digest} but still serves it after several looks, so Manifold does not report it deleted (the removal is in the activity log). A cache or replica in front of the registry may lag: look again in a minute.`,
    );
  }
  if (still.length > 0) {
    throw new AppError(
      'SERVER_ERROR',
      `${digest} is deleted but the registry still resolves ${still.map((t) => `:${t}`).join(', ')} to it; look again in a minute.`,
    );
  }
  return { digest, tagsRemoved: tags };
}
