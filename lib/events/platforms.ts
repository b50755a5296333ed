import {
  formatPlatform,
  isAttestation,
  isIndexMediaType,
  normalizePlatform,
  type RegistryClient,
  type RepositoryRef,
} from '@/lib/registry';
import type { PlatformEntry } from '@/lib/store';

import type { PlatformPolicy } from './rules';

/** What the events feature needs: the registry client (the server's shared one, or a test's). */
export interface EventsDeps {
  client: RegistryClient;
  signal?: AbortSignal;
  /** Required-platform rules and webhooks each recorded change is checked against. */
  policy?: PlatformPolicy;
}

/**
 * Returns a list's platforms (`linux/arm64` and the child's digest, attestations left out) read
 * from the list's own manifest (one GET; no child, no layer), or null for a single image and
 * when the list cannot be read any more (deleted since the event): the change is kept without them.
 */
export async function platformsOf(
  deps: EventsDeps,
  repo: RepositoryRef,
  target: { digest: string; mediaType: string | null },
): Promise<PlatformEntry[] | null> {
  if (target.mediaType && !isIndexMediaType(target.mediaType)) return null;
  try {
    const { parsed } = await deps.client.getManifest(repo, target.digest, {
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (parsed.kind !== 'index') return null;
    return parsed.manifests
      .filter((d) => d.platform && !isAttestation(d))
      .map((d) => ({ platform: formatPlatform(normalizePlatform(d.platform!)), digest: d.digest }));
  } catch {
    return null;
  }
}
