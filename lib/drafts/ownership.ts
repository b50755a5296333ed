import { repositoryResource, type Resource } from '@/lib/auth/resources';
import {
  draftVisibleTo,
  isDraftMember,
  type DraftAccessFacts,
  type Reader,
  type RepositoryRef,
} from '@/lib/auth/visibility';
import { AppError, fail, failFrom, type Failure } from '@/lib/errors';
import { parseReference } from '@/lib/registry';
import { getDraft, type StoredDraft } from '@/lib/store';

/**
 * Who owns a draft and what it shows: the rules the drafts service, routes and pages share
 * (docs/security.md, "Drafts and jobs"). Reads the store, never a registry.
 */

function repositoryOf(reference: string): RepositoryRef | undefined {
  try {
    const { registry, repository } = parseReference(reference);
    return { registry, repository };
  } catch {
    // Stored by Manifold from a parsed reference; one that no longer parses names nothing to show.
    return undefined;
  }
}

/** Returns every repository the draft shows: its entries' sources, the list it was based on, its destinations. */
export function draftRepositories(d: StoredDraft): RepositoryRef[] {
  const names = [
    ...d.index.entries.flatMap((e) => (e.source ? [e.source] : [])),
    ...(d.basedOn ? [d.basedOn.reference] : []),
    ...d.destinations,
  ];
  const seen = new Map<string, RepositoryRef>();
  for (const name of names) {
    const repo = repositoryOf(name);
    if (repo) seen.set(`${repo.registry}/${repo.repository}`, repo);
  }
  return [...seen.values()];
}

/** Returns the facts that decide who may open the draft. */
export function draftFacts(d: StoredDraft): DraftAccessFacts {
  return { owner: d.owner, sharedWith: d.sharedWith, repositories: draftRepositories(d) };
}

/** Returns true when the reader may see the draft (lists, pages): see draftVisibleTo. */
export function canSeeDraft(reader: Reader, d: StoredDraft): boolean {
  return draftVisibleTo(reader, draftFacts(d));
}

/** Returns pull on every repository the draft shows (what reading it touches). */
export function draftReadResources(d: StoredDraft): Resource[] {
  return draftRepositories(d).map((r) => repositoryResource(r, 'pull'));
}

/**
 * Returns the stored draft when the reader is its owner, in the group it is shared with, or an
 * admin. Throws DRAFT_NOT_FOUND otherwise, the same answer as for an id that does not exist, so
 * draft ids are not confirmed to whom they do not belong.
 */
export function memberDraft(id: string, reader: Reader): StoredDraft {
  const d = getDraft(id);
  if (!d || !isDraftMember(reader, d))
    throw new AppError('DRAFT_NOT_FOUND', `There is no draft ${id}. It may have been deleted.`);
  return d;
}

/** Returns the FORBIDDEN failure when `require` refuses what reading the draft touches, else undefined. */
export function refuseDraftReads(
  require: ((resources: readonly Resource[]) => void) | undefined,
  d: StoredDraft,
): Failure | undefined {
  const reads = draftReadResources(d);
  if (!require || reads.length === 0) return undefined;
  try {
    require(reads);
    return undefined;
  } catch (err) {
    return failFrom(err);
  }
}

/**
 * Returns the failure message when the caller may not share a draft with `group` (null: stop
 * sharing), else undefined: only its owner or an admin chooses, and an owner shares only with a
 * group they are in (so a draft is not pushed onto strangers).
 */
export function sharingRefusal(
  d: { owner: { id: string } | null },
  group: string | null,
  reader: Reader,
): string | undefined {
  if (reader.admin) return undefined;
  if (d.owner?.id !== reader.id)
    return 'Only the owner of a draft or an admin may change who it is shared with.';
  if (group !== null && !reader.groups.includes(group))
    return `You are not in the group "${group}": share a draft only with a group you belong to.`;
  return undefined;
}

/** Returns the VALIDATION failure when `reader` may not share a draft owned by `owner` with `group`. */
export function refuseSharing(
  owner: { id: string } | null,
  group: string | null,
  reader: Reader | undefined,
): Failure | undefined {
  const why = reader
    ? sharingRefusal({ owner }, group, reader)
    : 'Sharing a draft needs to know who asks.';
  return why ? fail('VALIDATION', why, { fieldErrors: { sharedWith: [why] } }) : undefined;
}
