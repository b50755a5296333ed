import {
  repositoryResource,
  uniqueResources,
  type Action,
  type Resource,
} from '@/lib/auth/resources';
import { fromPublicError } from '@/lib/errors';
import { getDraft } from '@/lib/store';

import { parseDestinations } from './preview';
import { entrySource } from './push';
import { parseDraftReference } from './resolve';

/**
 * What the draft routes read and write in registries, resolved with the parsers the draft service
 * runs (destinations on the default registry when they name none). Who may open or change a draft
 * itself is a separate question (its owner).
 */

/** Returns `action` on every destination tag's repository. Throws INVALID_REFERENCE or VALIDATION for bad input. */
export function draftDestinationResources(
  references: readonly string[],
  action: Action,
  defaultRegistry: string | undefined,
): Resource[] {
  const parsed = parseDestinations(references, defaultRegistry);
  if (!parsed.ok) throw fromPublicError(parsed);
  return uniqueResources(parsed.value.map((d) => repositoryResource(d, action)));
}

/** Returns pull on the repository a typed source reference names. Throws INVALID_REFERENCE. */
export function draftSourceResources(
  reference: string,
  defaultRegistry: string | undefined,
): Resource[] {
  return [repositoryResource(parseDraftReference(reference, defaultRegistry), 'pull')];
}

/**
 * Returns pull on every repository the stored draft's entries are copied from, as its push job
 * resolves them (entries without a source are left to the push's own validation); none for an
 * unknown draft (its route answers DRAFT_NOT_FOUND). Throws INVALID_REFERENCE for a bad source.
 */
export function draftEntrySourceResources(id: string): Resource[] {
  const entries = getDraft(id)?.index.entries ?? [];
  return uniqueResources(
    entries.filter((e) => e.source).map((e) => repositoryResource(entrySource(e), 'pull')),
  );
}
