import { imagePath } from '@/lib/paths';
import { parseReference } from '@/lib/registry/pure';

/**
 * Returns the image page for whatever a user pasted, read the way `docker pull` reads it (no
 * registry host means Docker Hub; the digest wins over a tag). Throws INVALID_REFERENCE.
 */
export function referenceHref(input: string): string {
  const ref = parseReference(input);
  return imagePath(ref.registry, ref.repository, ref.digest ?? ref.tag ?? 'latest');
}
