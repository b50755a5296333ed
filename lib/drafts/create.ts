import { addEntries, draftFromIndex, formatReference, type IndexDraft } from '@/lib/registry';
import type { Reader } from '@/lib/auth/visibility';
import { fail, failFrom, ok, type Result } from '@/lib/errors';
import { insertDraft } from '@/lib/store';

import { refuseSharing } from './ownership';
import { followFirstEntries } from './auto-format';
import { entriesToAdd, resolveReference, type ResolvedReference } from './resolve';
import type { DraftDeps } from './service';
import { toDraftView, type DraftView } from './view';

export interface CreateDraftInput {
  name: string;
  /**
   * Default: the format of `from` when it is a list; otherwise picked when the first images are
   * added (a Docker manifest list when they are all Docker image manifests, else OCI).
   */
  format?: IndexDraft['format'];
  /** Start from an existing list (or image) in a registry; the draft records its digest. */
  from?: string;
  /** A group whose members may view and edit the draft too (one the creator is in). */
  sharedWith?: string;
  /** Destination tags to prefill (as typed; the preview and the push check them). */
  destinations?: string[];
  /** Who creates it: decides whether they may share it with that group. */
  reader?: Reader;
}

/**
 * Returns the new draft: empty, or holding the entries of the list `from` points at (each entry's
 * source is that list's repository; `basedOn` keeps the list's digest). An image as `from` becomes
 * the draft's single entry. Failures: VALIDATION, INVALID_REFERENCE, MANIFEST_UNKNOWN, registry errors.
 */
export async function createDraft(
  deps: DraftDeps,
  input: CreateDraftInput,
): Promise<Result<DraftView>> {
  const name = input.name.trim();
  if (!name)
    return fail('VALIDATION', 'Give the draft a name', {
      fieldErrors: { name: ['Give the draft a name'] },
    });
  const sharedWith = input.sharedWith ?? null;
  if (sharedWith !== null) {
    const refused = refuseSharing(
      input.reader ? { id: input.reader.id } : null,
      sharedWith,
      input.reader,
    );
    if (refused) return refused;
  }
  if (!input.from?.trim()) {
    return ok(
      toDraftView(
        insertDraft({
          name,
          index: { format: input.format ?? 'oci', entries: [] },
          formatChosen: input.format !== undefined,
          destinations: input.destinations ?? [],
          sharedWith,
        }),
      ),
    );
  }
  let resolved: ResolvedReference;
  try {
    resolved = await resolveReference(deps.client, input.from, {
      ...(deps.defaultRegistry ? { defaultRegistry: deps.defaultRegistry } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } catch (err) {
    return failFrom(err, 'from');
  }
  let index: IndexDraft;
  if (resolved.kind === 'index') {
    const fetched = await deps.client.getManifest(resolved, resolved.digest);
    if (fetched.parsed.kind !== 'index')
      return fail('VALIDATION', 'The list changed while it was read; try again');
    index = draftFromIndex(fetched.parsed);
    // Each entry is copied from the list's repository, by digest.
    index = {
      ...index,
      entries: index.entries.map((e) => ({
        ...e,
        source: formatReference({
          registry: resolved.registry,
          repository: resolved.repository,
          digest: e.descriptor.digest,
        }),
      })),
    };
  } else {
    const empty: IndexDraft = { format: 'oci', entries: [] };
    index = followFirstEntries(empty, addEntries(empty, entriesToAdd(resolved)), false);
  }
  if (input.format) index = { ...index, format: input.format };
  const basedOn =
    resolved.kind === 'index' ? { reference: resolved.reference, digest: resolved.digest } : null;
  const destinations = input.destinations?.length
    ? input.destinations
    : resolved.kind === 'index' && resolved.tag
      ? [
          formatReference({
            registry: resolved.registry,
            repository: resolved.repository,
            tag: resolved.tag,
          }),
        ]
      : [];
  // A list fixes the format; a single image leaves it automatic (until the user picks one).
  const formatChosen = input.format !== undefined || resolved.kind === 'index';
  return ok(
    toDraftView(insertDraft({ name, index, basedOn, destinations, formatChosen, sharedWith })),
  );
}
