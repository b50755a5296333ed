import {
  repositoryResource,
  uniqueResources,
  type Action,
  type Resource,
} from '@/lib/auth/resources';
import { fromPublicError } from '@/lib/errors';

import { parseDestinations } from './preview';
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
