import { repositoryResource, type Action, type Resource } from '@/lib/auth/resources';
import { parseReference } from '@/lib/registry';

/**
 * Returns the repository a full reference names, as the resource a route declares: parsed by
 * `parseReference`, the parser the inspect and summary handlers use too. Throws
 * INVALID_REFERENCE when it does not parse (the door answers that, before any registry request).
 */
export function referenceResources(reference: string, action: Action = 'pull'): Resource[] {
  return [repositoryResource(parseReference(reference), action)];
}
