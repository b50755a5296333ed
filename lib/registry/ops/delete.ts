import { AppError } from '@/lib/errors';
import type { RegistryClient } from '../client';
import type { RepositoryRef } from '../protocol/context';
import { tagReference, type TagConflict } from './tag-guard';
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
}

export interface DeleteManifestResult {
  digest: string;
  /** The tags that pointed at the digest and are gone with it. */
  tagsRemoved: string[];
}

/**
 * Returns what was deleted after deleting the manifest by digest and checking with a HEAD that the
 * registry no longer serves it (nor any tag that was on it). Throws MANIFEST_UNKNOWN when it is
 * already gone, CONFLICT for an unseen tag on it, DELETE_DISABLED when deletes are off, and
 * SERVER_ERROR when the registry reported success but still serves the manifest.
 */
export async function deleteManifestVerified(
  client: DeleteClient,
  repo: RepositoryRef,
  digest: string,
  opts: DeleteManifestOptions = {},
): Promise<DeleteManifestResult> {
  const call = opts.signal ? { signal: opts.signal } : {};
  if (!(await client.headManifest(repo, digest, call))) {
    throw new AppError(
      'MANIFEST_UNKNOWN',
      `${repo.registry}/${repo.repository}@${digest} does not exist (any more); nothing was deleted`,
    );
  }
  const scan = await scanTags(client, repo, opts);
  const tags = tagsOn(scan, digest);
  if (opts.seenTags && !opts.force) {
    const seen = new Set(opts.seenTags);
    const unseen = tags.filter((t) => !seen.has(t));
    if (unseen.length > 0) {
      const conflicts: TagConflict[] = unseen.map((t) => ({
        reference: tagReference({ ...repo, tag: t }),
        expected: null,
        actual: digest,
      }));
      throw new AppError(
        'CONFLICT',
        `Since you looked, ${unseen.map((t) => `:${t}`).join(', ')} ${unseen.length === 1 ? 'was' : 'were'} pointed at ${digest}; deleting it would remove ${unseen.length === 1 ? 'that tag' : 'those tags'} too. Nothing was deleted. Review again, or delete anyway.`,
        { details: { conflicts } },
      );
    }
  }
  await client.deleteManifest(repo, digest, call);
  if (await client.headManifest(repo, digest, call)) {
    throw new AppError(
      'SERVER_ERROR',
      `The registry answered the delete of ${digest} with success but still serves it, so Manifold does not report it deleted. A cache or replica in front of the registry may lag: look again in a minute.`,
    );
  }
  for (const t of tags) {
    const head = await client.headManifest(repo, t, call);
    if (head?.digest === digest) {
      throw new AppError(
        'SERVER_ERROR',
        `${digest} is deleted but the registry still resolves :${t} to it; look again in a minute.`,
      );
    }
  }
  return { digest, tagsRemoved: tags };
}
