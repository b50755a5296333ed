import {
  probeDeleteSupport,
  type CallOptions,
  type DeleteSupport,
  type RegistryClient,
  type RepositoryRef,
} from '@/lib/registry';

/** Remembers what probeDeleteSupport found, per registry host, for a while. */
export interface DeleteSupportCache {
  /** Returns the remembered answer for the registry, or undefined when none is fresh. */
  get(registry: string): DeleteSupport | undefined;
  /** Remembers an answer (ignored while any part of it is 'unknown': that is asked again). */
  set(registry: string, support: DeleteSupport): void;
  /** Forgets the registry's answer, e.g. after a delete contradicted it. */
  forget(registry: string): void;
}

/** Returns an in-memory DeleteSupportCache whose answers expire after `ttlMs` (default 5 minutes). Never throws. */
export function createDeleteSupportCache(
  opts: { ttlMs?: number; now?: () => number } = {},
): DeleteSupportCache {
  const ttl = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { support: DeleteSupport; expires: number }>();
  return {
    get(registry) {
      const hit = entries.get(registry);
      if (hit === undefined) return undefined;
      if (hit.expires <= now()) {
        entries.delete(registry);
        return undefined;
      }
      return { ...hit.support };
    },
    set(registry, support) {
      if (support.manifests === 'unknown' || support.tags === 'unknown') return;
      entries.set(registry, { support: { ...support }, expires: now() + ttl });
    },
    forget(registry) {
      entries.delete(registry);
    },
  };
}

/**
 * Returns the registry's delete support from the cache when fresh, else probes (probeDeleteSupport)
 * and remembers the answer. Never throws for registry answers.
 */
export async function cachedDeleteSupport(
  client: Pick<RegistryClient, 'deleteManifest' | 'deleteTag'>,
  repo: RepositoryRef,
  cache: DeleteSupportCache | undefined,
  opts: CallOptions = {},
): Promise<DeleteSupport> {
  const hit = cache?.get(repo.registry);
  if (hit) return hit;
  const support = await probeDeleteSupport(client, repo, opts);
  cache?.set(repo.registry, support);
  return support;
}
