import { fail, failFrom, ok, type Result } from '@/lib/errors';
import {
  planRemovePlatform,
  isDigest,
  isValidTag,
  verifyTag,
  checkTags,
  digestReference,
  tagReference,
} from '@/lib/registry';
import { recordActivity, withTagLocks } from '@/lib/store';

import { conflictFailure } from './conflicts';
import { callOptions, type ActionDeps } from './deps';
import { shareInFlight } from './single-flight';
import { entryViews, type EntryView } from './labels';

export interface RemovePlatformInput {
  registry: string;
  repository: string;
  /** The tag to put the smaller list under. */
  tag: string;
  /** The list digest the user saw on the tag (the list edited is this one). */
  expectedDigest: string;
  /** Digest of the platform entry to drop (its attestations go with it). */
  platform: string;
  force?: boolean;
}

export interface RemovePlatformPreview {
  /** The new list, exactly as it will be PUT. */
  index: { digest: string; mediaType: string; size: number; json: string };
  removed: EntryView[];
  remaining: EntryView[];
}

export interface RemovePlatformResult extends RemovePlatformPreview {
  digestBefore: string;
  digestAfter: string;
}

async function plan(
  deps: ActionDeps,
  input: RemovePlatformInput,
): Promise<Result<RemovePlatformPreview>> {
  if (!isValidTag(input.tag)) {
    return fail(
      'VALIDATION',
      'Removing a platform writes the smaller list back under a tag: open the list by tag',
      { fieldErrors: { tag: ['Expected a tag'] } },
    );
  }
  if (!isDigest(input.expectedDigest) || !isDigest(input.platform))
    return fail('VALIDATION', 'expectedDigest and platform must be digests');
  try {
    const repo = { registry: input.registry, repository: input.repository };
    const { parsed } = await deps.client.getManifest(repo, input.expectedDigest, callOptions(deps));
    if (parsed.kind !== 'index')
      return fail(
        'INVALID_ARGUMENT',
        'This is a single image, not a list: there is no platform to remove',
      );
    const subset = planRemovePlatform(parsed, input.platform);
    return ok({
      index: {
        digest: subset.index.digest,
        mediaType: subset.index.mediaType,
        size: subset.index.size,
        json: new TextDecoder().decode(subset.index.bytes),
      },
      removed: entryViews(subset.removed, parsed.manifests),
      remaining: entryViews(subset.kept, parsed.manifests),
    });
  } catch (err) {
    return failFrom(err, 'platform');
  }
}

/** Returns the smaller list that removing the platform would put under the tag (its JSON and digest). Changes nothing. */
export async function previewRemovePlatform(
  deps: ActionDeps,
  input: RemovePlatformInput,
): Promise<Result<RemovePlatformPreview>> {
  return plan(deps, input);
}

/**
 * Returns the new list after putting it under the same tag: the list the user saw without the
 * platform (and its attestations). The children stay in the repository. Fails with CONFLICT (both
 * digests) when the tag moved since the user saw it, unless `force`; logged as 'remove-platform'.
 */
export function removePlatform(
  deps: ActionDeps,
  input: RemovePlatformInput,
): Promise<Result<RemovePlatformResult>> {
  return shareInFlight(`remove-platform ${JSON.stringify(input)}`, () =>
    removePlatformNow(deps, input),
  );
}

async function removePlatformNow(
  deps: ActionDeps,
  input: RemovePlatformInput,
): Promise<Result<RemovePlatformResult>> {
  const planned = await plan(deps, input);
  if (!planned.ok) return planned;
  const preview = planned.value;
  const target = {
    registry: input.registry,
    repository: input.repository,
    tag: input.tag,
    expectedDigest: input.expectedDigest,
  };
  try {
    // Held from the check through the PUT and its verification: no other write interleaves.
    // The list it reads, the list it writes and the tag: a delete of either waits, and so do writers.
    const keys = [
      digestReference(target, input.expectedDigest),
      digestReference(target, preview.index.digest),
      tagReference(target),
    ];
    const written = await withTagLocks(keys, async () => {
      const { current, conflicts } = await checkTags(
        deps.client,
        [target],
        preview.index.digest,
        callOptions(deps),
      );
      if (conflicts.length > 0 && !input.force) return conflictFailure(conflicts);
      const before = [...current.values()][0] ?? null;
      if (before !== preview.index.digest) {
        await deps.client.putManifest(
          target,
          input.tag,
          new TextEncoder().encode(preview.index.json),
          preview.index.mediaType,
          callOptions(deps),
        );
        await verifyTag(deps.client, target, preview.index.digest, deps.signal);
        recordActivity({
          action: 'remove-platform',
          registry: input.registry,
          repository: input.repository,
          tag: input.tag,
          digestBefore: before,
          digestAfter: preview.index.digest,
          detail: { removed: preview.removed.map((e) => e.label), forced: input.force ?? false },
        });
      }
      return ok(before);
    });
    if (!written.ok) return written;
    const before = written.value;
    return ok({
      ...preview,
      digestBefore: before ?? input.expectedDigest,
      digestAfter: preview.index.digest,
    });
  } catch (err) {
    return failFrom(err);
  }
}
