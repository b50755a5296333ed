import { imagePath } from '@/lib/paths';
import { parseReference } from '@/lib/registry/pure';

/**
 * Returns the reference in what a user pasted: the image of a `docker pull …` line (its last
 * word), without an `http(s)://` scheme or a trailing slash. Never throws.
 */
export function pastedReference(input: string): string {
  let s = input.trim();
  if (/^(docker|podman|nerdctl)\s+(image\s+)?pull\s/i.test(s)) s = s.split(/\s+/).at(-1) ?? '';
  return s.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

/** Returns true when a pasted reference names its registry (`quay.io/…`, `localhost:5000/…`). */
export function namesRegistry(input: string): boolean {
  const first =
    pastedReference(input)
      .replace(/^docker:\/\//, '')
      .split('/')[0] ?? '';
  return pastedReference(input).includes('/') && (/[.:]/.test(first) || first === 'localhost');
}

/**
 * Returns the image page for whatever a user pasted, read the way `docker pull` reads it (no
 * registry host means Docker Hub; the digest wins over a tag). Throws INVALID_REFERENCE.
 */
export function referenceHref(input: string): string {
  const ref = parseReference(pastedReference(input));
  return imagePath(ref.registry, ref.repository, ref.digest ?? ref.tag ?? 'latest');
}
