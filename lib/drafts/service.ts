import {
  addEntries,
  annotateEntry,
  moveEntry,
  removeEntry,
  setIndexAnnotations,
  type RegistryClient,
  type AnnotatePatch,
  type IndexDraft,
} from '@/lib/registry';
import type { Resource } from '@/lib/auth/resources';
import type { Reader } from '@/lib/auth/visibility';
import { fail, failFrom, ok, type Failure, type Result } from '@/lib/errors';
import {
  deleteDraft as deleteDraftRecord,
  duplicateDraft as duplicateDraftRecord,
  getDraft,
  listDrafts as listDraftRecords,
  updateDraft,
  type DraftPatch,
  type DraftSummary,
} from '@/lib/store';

import { canSeeDraft, refuseSharing } from './ownership';
import { followFirstEntries } from './auto-format';
import {
  entriesToAdd,
  resolveReference,
  type AddSelection,
  type ResolvedReference,
} from './resolve';
import { toDraftView, type DraftView } from './view';

/** What draft operations that talk to registries need. */
export interface DraftDeps {
  client: RegistryClient;
  /** Registry for references typed without one (the first configured registry). */
  defaultRegistry?: string;
  signal?: AbortSignal;
  /**
   * The caller's check (the door's): run again on the draft as read just before its sources are
   * asked, so an entry added meanwhile by a group member is not read for someone who may not.
   */
  require?: (resources: readonly Resource[]) => void;
}

export interface UpdateDraftInput {
  name?: string;
  format?: IndexDraft['format'];
  /** Index-level annotations to set; null removes a key. */
  annotations?: Record<string, string | null>;
  /** The revision the client edited (REVISION_CONFLICT when the draft changed meanwhile). */
  revision?: number;
  /** A group to share the draft with; null stops sharing. Only the owner or an admin (see `reader`). */
  sharedWith?: string | null;
  /** Who asks: needed to change `sharedWith`. */
  reader?: Reader;
}

export interface AddToDraftInput extends AddSelection {
  reference: string;
  /** Replace an entry with the same platform instead of reporting a duplicate. */
  replace?: boolean;
  revision?: number;
}

/** The failure for a draft id that does not exist. */
export const notFound = (id: string): Failure =>
  fail('DRAFT_NOT_FOUND', `There is no draft ${id}. It may have been deleted.`);

function save(id: string, patch: DraftPatch, revision?: number): Result<DraftView> {
  const saved = updateDraft(id, patch, revision);
  if (saved === undefined) return notFound(id);
  if (saved === 'conflict') {
    return fail(
      'REVISION_CONFLICT',
      'The draft was changed elsewhere since you loaded it. Reload it and try again.',
      { retryable: true },
    );
  }
  return ok(toDraftView(saved));
}

function edit(
  id: string,
  revision: number | undefined,
  change: (index: IndexDraft) => IndexDraft,
): Result<DraftView> {
  const current = getDraft(id);
  if (!current) return notFound(id);
  let index: IndexDraft;
  try {
    index = followFirstEntries(current.index, change(current.index), current.formatChosen);
  } catch (err) {
    return failFrom(err);
  }
  return save(id, { index }, revision ?? current.revision);
}

/** Returns the drafts the reader may see (own, shared with their group, all for admins), most recently changed first. */
export function listDrafts(reader: Reader): DraftSummary[] {
  return listDraftRecords((d) => canSeeDraft(reader, d));
}

/** Returns the draft's view (validation included, sources not checked), or DRAFT_NOT_FOUND. */
export function getDraftView(id: string): Result<DraftView> {
  const d = getDraft(id);
  return d ? ok(toDraftView(d)) : notFound(id);
}

/** Returns the draft after renaming it, changing its format or its index annotations. */
export function updateDraftSettings(id: string, input: UpdateDraftInput): Result<DraftView> {
  const current = getDraft(id);
  if (!current) return notFound(id);
  const patch: DraftPatch = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (!name)
      return fail('VALIDATION', 'Give the draft a name', {
        fieldErrors: { name: ['Give the draft a name'] },
      });
    patch.name = name;
  }
  let index = current.index;
  if (input.format !== undefined) {
    index = { ...index, format: input.format };
    patch.formatChosen = true;
  }
  if (input.annotations !== undefined) index = setIndexAnnotations(index, input.annotations);
  if (index !== current.index) patch.index = index;
  if (input.sharedWith !== undefined && input.sharedWith !== current.sharedWith) {
    const refused = refuseSharing(current.owner, input.sharedWith, input.reader);
    if (refused) return refused;
    patch.sharedWith = input.sharedWith;
  }
  return save(id, patch, input.revision ?? current.revision);
}

/** Returns the copy of a draft (new id, name "<name> (copy)" unless given). */
export function duplicateDraft(id: string, name?: string): Result<DraftView> {
  const copy = duplicateDraftRecord(id, name?.trim() || undefined);
  return copy ? ok(toDraftView(copy)) : notFound(id);
}

/** Returns `{ deleted: true }` once the draft is gone, or DRAFT_NOT_FOUND. Its jobs and activity stay. */
export function deleteDraft(id: string): Result<{ deleted: true }> {
  return deleteDraftRecord(id) ? ok({ deleted: true }) : notFound(id);
}

/** Returns what a reference offers (for the add box's platform picker), or the failure to show under the box. */
export async function resolveForDraft(
  deps: DraftDeps,
  reference: string,
): Promise<Result<ResolvedReference>> {
  try {
    return ok(
      await resolveReference(deps.client, reference, {
        ...(deps.defaultRegistry ? { defaultRegistry: deps.defaultRegistry } : {}),
        ...(deps.signal ? { signal: deps.signal } : {}),
      }),
    );
  } catch (err) {
    return failFrom(err, 'reference');
  }
}

/**
 * Returns the draft with the image(s) a reference points at added (`podman manifest add`): a single
 * image with the platform from its config, or the chosen entries of a list (all by default) with
 * their attestations; `added` names only the digests the draft did not hold. Failures carry
 * `fieldErrors.reference` for the add box.
 */
export async function addToDraft(
  deps: DraftDeps,
  id: string,
  input: AddToDraftInput,
): Promise<Result<{ draft: DraftView; added: string[] }>> {
  const before = getDraft(id);
  if (!before) return notFound(id);
  const resolved = await resolveForDraft(deps, input.reference);
  if (!resolved.ok) return resolved;
  let entries;
  try {
    entries = entriesToAdd(resolved.value, input);
  } catch (err) {
    return failFrom(err, 'platforms');
  }
  const result = edit(id, input.revision, (index) =>
    addEntries(index, entries, { replace: input.replace ?? false }),
  );
  if (!result.ok) return result;
  // An entry the draft already held is skipped (unless replaced): the caller must not say "added".
  const held = new Set(before.index.entries.map((e) => e.descriptor.digest));
  const added = entries
    .map((e) => e.descriptor.digest)
    .filter((digest) => input.replace === true || !held.has(digest));
  return ok({ draft: result.value, added });
}

/** Returns the draft without the entry and the attestations that describe it. */
export function removeFromDraft(id: string, digest: string, revision?: number): Result<DraftView> {
  return edit(id, revision, (index) => removeEntry(index, digest));
}

/** Returns the draft with the entry moved to `toIndex` (attestations follow their image). */
export function moveInDraft(
  id: string,
  digest: string,
  toIndex: number,
  revision?: number,
): Result<DraftView> {
  return edit(id, revision, (index) => moveEntry(index, digest, toIndex));
}

/** Returns the draft with the entry's platform fields and/or annotations changed. */
export function annotateInDraft(
  id: string,
  digest: string,
  patch: AnnotatePatch,
  revision?: number,
): Result<DraftView> {
  return edit(id, revision, (index) => annotateEntry(index, digest, patch));
}
