import type { Target } from '@/lib/auth/guard';
import { parseReference } from '@/lib/registry';

/**
 * Returns the registry and repository a reference names, for a route's role check; undefined when
 * it does not parse (the handler then answers the reference's own error, naming its field).
 */
export function referenceTarget(reference: string): Target | undefined {
  try {
    const { registry, repository } = parseReference(reference);
    return { registry, repository };
  } catch {
    return undefined;
  }
}
