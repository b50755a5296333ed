import { uniqueResources, writeAction, type Resource } from '@/lib/auth/resources';
import type { Reader } from '@/lib/auth/visibility';
import type { StoredDraft } from '@/lib/store';

import { draftReadResources, memberDraft } from './ownership';
import { draftDestinationResources, draftSourceResources } from './resources';

/**
 * Who may open a draft and what each draft request touches, for the drafts routes' resources
 * declarations and the drafts pages (docs/security.md, "Drafts and jobs"). Reads the store, never
 * a registry: the door checks these before any registry is asked.
 */

/** What the drafts routes need to know about the caller: who reads, their checks, the default registry. */
export interface DraftCaller {
  reader: Reader;
  /** Throws FORBIDDEN naming the first resource the caller may not touch (the door's check). */
  require: (resources: readonly Resource[]) => void;
  defaultRegistry?: string;
}

/**
 * Returns the stored draft the caller may open and change: DRAFT_NOT_FOUND for a non-member (see
 * memberDraft), FORBIDDEN naming a repository it shows that the caller may not pull.
 */
export function openDraft(id: string, caller: DraftCaller): StoredDraft {
  const d = memberDraft(id, caller.reader);
  const reads = draftReadResources(d);
  if (reads.length > 0) caller.require(reads);
  return d;
}

/** Returns what opening a draft touches (pull on what it shows); throws DRAFT_NOT_FOUND for a non-member. */
export function draftResources(id: string, caller: DraftCaller): Resource[] {
  return draftReadResources(memberDraft(id, caller.reader));
}

/**
 * Returns what adding `reference` to the draft touches: the draft's own reads and pull on the
 * reference. As for every draft route, what lies outside the draft is checked first: a caller
 * who may not read it learns nothing of the draft (not even whether it exists).
 */
export function addEntryResources(id: string, reference: string, caller: DraftCaller): Resource[] {
  const source = draftSourceResources(reference, caller.defaultRegistry);
  caller.require(source);
  return uniqueResources([...draftResources(id, caller), ...source]);
}

/** Returns what previewing a push touches: pull on each destination tag (checked first) and the draft's reads. */
export function previewResources(
  id: string,
  destinations: readonly string[],
  caller: DraftCaller,
): Resource[] {
  const tags = draftDestinationResources(destinations, 'pull', caller.defaultRegistry);
  caller.require(tags);
  return uniqueResources([...draftResources(id, caller), ...tags]);
}

/**
 * Returns what a push touches: the draft's reads and a write (forced: overwrite) on each
 * destination. The writes are checked first, so a caller who may not write there learns nothing
 * of the draft (not even whether it exists).
 */
export function pushResources(
  id: string,
  destinations: readonly { reference: string }[],
  force: boolean | undefined,
  caller: DraftCaller,
): Resource[] {
  const references = destinations.map((x) => x.reference);
  const writes = draftDestinationResources(references, writeAction(force), caller.defaultRegistry);
  caller.require(writes);
  return uniqueResources([...draftResources(id, caller), ...writes]);
}
