import { fail, failFrom, isAppError, ok, type Result } from '@/lib/errors';
import {
  deleteManifestVerified,
  digestReference,
  isDigest,
  isValidTag,
  planDelete,
  tagReference,
  untag,
  type UntagResult,
} from '@/lib/registry';
import { recordActivity, storeTagLocker, withTagLocks } from '@/lib/store';

import {
  cachedDeleteSupport,
  createDeleteSupportCache,
  type DeleteSupportCache,
} from './delete-support-cache';
import { deletePreviewOf, type DeletePreview } from './delete-view';
import { callOptions, type ActionDeps } from './deps';
import { shareInFlight } from './single-flight';
import { entryLabel } from './labels';
import type { ImageSource } from './retag';

export interface DeleteInput extends ImageSource {
  /** The tags the preview showed on the digest (CONFLICT when another one appeared, unless `force`). */
  seenTags?: string[];
  force?: boolean;
}

export interface DeleteResult {
  digest: string;
  tagsRemoved: string[];
  /**
   * Children of a deleted list, each checked with a HEAD after the delete (they stay); `exists` is
   * null with `error` when that HEAD failed (the delete is done: it is not reported as failed).
   */
  children: Array<{ digest: string; label: string; exists: boolean | null; error?: string }>;
}

export interface UntagInput {
  registry: string;
  repository: string;
  tag: string;
  /** The digest the user saw on the tag. */
  expectedDigest: string;
  force?: boolean;
  /** Allow the placeholder method (`regctl tag delete`) on registries that cannot delete a tag. */
  allowPlaceholder?: boolean;
}

// One cache per process (kept on globalThis: Next bundles route handlers separately), so opening
// the delete dialog does not send the probe DELETEs every time.
const globalForDelete = globalThis as unknown as { manifoldDeleteSupport?: DeleteSupportCache };

/** Returns the deps' delete-support cache, or the process-wide one (5 minutes per registry). */
export function deleteSupportCacheOf(deps: ActionDeps): DeleteSupportCache {
  if (deps.deleteSupportCache) return deps.deleteSupportCache;
  globalForDelete.manifoldDeleteSupport ??= createDeleteSupportCache({ ttlMs: 5 * 60_000 });
  return globalForDelete.manifoldDeleteSupport;
}

/** A real delete's outcome overrides what the probe remembered. */
function learnFromDelete(deps: ActionDeps, registry: string, err: unknown): void {
  const cache = deleteSupportCacheOf(deps);
  if (err === undefined) {
    if (cache.get(registry)?.manifests === 'disabled') cache.forget(registry);
  } else if (isAppError(err) && err.code === 'DELETE_DISABLED') {
    cache.set(registry, { manifests: 'disabled', tags: 'disabled' });
  }
}

function checkSource(s: ImageSource): Result<null> {
  if (!isDigest(s.digest))
    return fail('VALIDATION', `"${s.digest}" is not a digest`, {
      fieldErrors: { digest: ['Expected a sha256 digest'] },
    });
  return ok(null);
}

/**
 * Returns what deleting the manifest would do: every tag on the digest (they all go), each child
 * of a list (they stay) and which are left without a tag, and whether the registry allows deletes
 * at all (remembered per registry for 5 minutes; `recheck` asks the registry again). Changes nothing.
 */
export async function previewDelete(
  deps: ActionDeps,
  source: ImageSource,
  opts: { recheck?: boolean } = {},
): Promise<Result<DeletePreview>> {
  const checked = checkSource(source);
  if (!checked.ok) return checked;
  if (opts.recheck) deleteSupportCacheOf(deps).forget(source.registry);
  try {
    const cache = deleteSupportCacheOf(deps);
    const plan = await planDelete(deps.client, source, source.digest, {
      ...callOptions(deps),
      support: (client, repo, call) => cachedDeleteSupport(client, repo, cache, call),
    });
    return ok(deletePreviewOf(plan));
  } catch (err) {
    return failFrom(err);
  }
}

/**
 * Returns what was deleted: the manifest by digest with every tag on it (its children stay and
 * are checked), verified with HEADs and logged as 'delete' per tag removed. Fails with
 * DELETE_DISABLED (and how to enable deletes), CONFLICT when a tag the user did not see points at
 * the digest, MANIFEST_UNKNOWN when it is already gone.
 */
export function deleteImage(deps: ActionDeps, input: DeleteInput): Promise<Result<DeleteResult>> {
  return shareInFlight(`delete ${JSON.stringify(input)}`, () => deleteImageNow(deps, input));
}

async function deleteImageNow(deps: ActionDeps, input: DeleteInput): Promise<Result<DeleteResult>> {
  const checked = checkSource(input);
  if (!checked.ok) return checked;
  const repo = { registry: input.registry, repository: input.repository };
  try {
    const { parsed } = await deps.client.getManifest(repo, input.digest, callOptions(deps));
    const manifests = parsed.kind === 'index' ? parsed.manifests : [];
    const detail = {
      mediaType: parsed.mediaType,
      children: manifests.length,
      forced: input.force ?? false,
    };
    let removed;
    try {
      removed = await deleteManifestVerified(deps.client, repo, input.digest, {
        ...callOptions(deps),
        ...(input.seenTags ? { seenTags: input.seenTags } : {}),
        force: input.force ?? false,
        // The digest and every tag on it are held, so no retag, copy or push interleaves.
        lockTags: storeTagLocker(deps.signal),
        // Logged the moment the registry removed it, whatever is reported after.
        onDeleted: ({ tags, verified }) => {
          for (const tag of tags.length ? tags : [null]) {
            recordActivity({
              action: 'delete',
              ...repo,
              tag,
              digestBefore: input.digest,
              digestAfter: null,
              detail: verified ? detail : { ...detail, verified: false },
            });
          }
        },
      });
    } catch (err) {
      learnFromDelete(deps, repo.registry, err);
      throw err;
    }
    learnFromDelete(deps, repo.registry, undefined);
    const children = await Promise.all(
      manifests.map((m) =>
        deps.client.headManifest(repo, m.digest, callOptions(deps)).then(
          (head) => ({
            digest: m.digest,
            label: entryLabel(m, manifests),
            exists: head !== undefined,
          }),
          (err: unknown) => ({
            digest: m.digest,
            label: entryLabel(m, manifests),
            exists: null,
            error: err instanceof Error ? err.message : String(err),
          }),
        ),
      ),
    );
    return ok({ digest: input.digest, tagsRemoved: removed.tagsRemoved, children });
  } catch (err) {
    return failFrom(err);
  }
}

/**
 * Returns how the tag was removed (the manifest and its other tags stay), verified with HEADs and
 * logged as 'untag'. Fails with UNSUPPORTED when the registry cannot delete a tag and the
 * placeholder method was not allowed, DELETE_DISABLED, CONFLICT when the tag moved.
 */
export function untagImage(deps: ActionDeps, input: UntagInput): Promise<Result<UntagResult>> {
  return shareInFlight(`untag ${JSON.stringify(input)}`, () => untagImageNow(deps, input));
}

async function untagImageNow(deps: ActionDeps, input: UntagInput): Promise<Result<UntagResult>> {
  if (!isValidTag(input.tag))
    return fail('VALIDATION', `"${input.tag}" is not a tag`, {
      fieldErrors: { tag: ['Expected a tag'] },
    });
  if (!isDigest(input.expectedDigest))
    return fail('VALIDATION', 'expectedDigest must be a digest', {
      fieldErrors: { expectedDigest: ['Expected a digest'] },
    });
  const repo = { registry: input.registry, repository: input.repository };
  try {
    let result;
    try {
      // The tag, and the digest it holds (put back on the tag when the placeholder cannot go).
      const keys = [
        digestReference(repo, input.expectedDigest),
        tagReference({ ...repo, tag: input.tag }),
      ];
      result = await withTagLocks(keys, () =>
        untag(deps.client, repo, input.tag, {
          ...callOptions(deps),
          expectedDigest: input.expectedDigest,
          force: input.force ?? false,
          allowPlaceholder: input.allowPlaceholder ?? false,
        }),
      );
    } catch (err) {
      learnFromDelete(deps, repo.registry, err);
      throw err;
    }
    recordActivity({
      action: 'untag',
      ...repo,
      tag: input.tag,
      digestBefore: result.digest,
      digestAfter: null,
      detail: {
        method: result.method,
        ...(result.placeholderDigest ? { placeholderDigest: result.placeholderDigest } : {}),
        forced: input.force ?? false,
      },
    });
    return ok(result);
  } catch (err) {
    return failFrom(err);
  }
}
