import { LRUCache } from 'lru-cache';

import type { FetchedManifest } from './manifests';
import type { RepositoryRef } from '../protocol/context';

/**
 * Content fetched by digest cannot change, so it is kept: reopening a list costs one request to
 * resolve its tag. Keys include the repository because access is granted per repository.
 */
export interface ContentCache {
  getManifest(repo: RepositoryRef, digest: string): FetchedManifest | undefined;
  setManifest(repo: RepositoryRef, digest: string, value: FetchedManifest): void;
  getBlob(repo: RepositoryRef, digest: string): Uint8Array | undefined;
  setBlob(repo: RepositoryRef, digest: string, bytes: Uint8Array): void;
  /** Returns the cached manifest, or `load()`'s, shared by every caller asking while it loads. */
  loadManifest(
    repo: RepositoryRef,
    digest: string,
    load: () => Promise<FetchedManifest>,
  ): Promise<FetchedManifest>;
  /** Returns the cached blob, or `load()`'s, shared by every caller asking while it loads. */
  loadBlob(
    repo: RepositoryRef,
    digest: string,
    load: () => Promise<Uint8Array>,
  ): Promise<Uint8Array>;
}

// A cached manifest is its bytes plus their parsed form, which V8 holds in two to four times the
// bytes (measured on a real-world OCI index, content-cache.test.ts): counting the bytes alone let
// the cache hold four times its ceiling.
const MANIFEST_COST = 5;

const key = (repo: RepositoryRef, digest: string): string =>
  `${repo.registry}/${repo.repository}@${digest}`;

/** Told of every cache lookup: what was looked up and whether it was there. */
export type CacheObserver = (kind: 'manifest' | 'blob', hit: boolean) => void;

/** Returns an in-memory LRU content cache bounded by total bytes (default 64 MiB). */
export function createContentCache(
  maxBytes = 64 * 1024 * 1024,
  onLookup?: CacheObserver,
): ContentCache {
  const manifests = new LRUCache<string, FetchedManifest>({
    maxSize: maxBytes / 2,
    sizeCalculation: (v) => Math.max(1, Math.ceil(v.parsed.raw.byteLength * MANIFEST_COST)),
  });
  const blobs = new LRUCache<string, Uint8Array>({
    maxSize: maxBytes / 2,
    sizeCalculation: (v) => Math.max(1, v.byteLength),
  });
  // One fetch per digest however many callers ask at once (50 people opening one tag).
  const loading = new Map<string, Promise<unknown>>();
  function load<T>(
    store: { get(k: string): T | undefined; set(k: string, v: T): unknown },
    kind: 'm' | 'b',
    k: string,
    fetch: () => Promise<T>,
  ): Promise<T> {
    const hit = store.get(k);
    onLookup?.(kind === 'm' ? 'manifest' : 'blob', hit !== undefined);
    if (hit !== undefined) return Promise.resolve(hit);
    const flight = `${kind}:${k}`;
    const running = loading.get(flight) as Promise<T> | undefined;
    if (running) return running;
    const started = fetch()
      .then((v) => {
        store.set(k, v);
        return v;
      })
      .finally(() => loading.delete(flight));
    loading.set(flight, started);
    return started;
  }
  return {
    loadManifest: (repo, digest, fetch) =>
      load<FetchedManifest>(manifests, 'm', key(repo, digest), fetch),
    loadBlob: (repo, digest, fetch) => load<Uint8Array>(blobs, 'b', key(repo, digest), fetch),
    getManifest: (repo, digest) => manifests.get(key(repo, digest)),
    setManifest: (repo, digest, value) => void manifests.set(key(repo, digest), value),
    getBlob: (repo, digest) => blobs.get(key(repo, digest)),
    setBlob: (repo, digest, bytes) => void blobs.set(key(repo, digest), bytes),
  };
}
