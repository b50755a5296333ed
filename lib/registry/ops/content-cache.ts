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
}

const key = (repo: RepositoryRef, digest: string): string =>
  `${repo.registry}/${repo.repository}@${digest}`;

/** Returns an in-memory LRU content cache bounded by total bytes (default 64 MiB). */
export function createContentCache(maxBytes = 64 * 1024 * 1024): ContentCache {
  const manifests = new LRUCache<string, FetchedManifest>({
    maxSize: maxBytes / 2,
    sizeCalculation: (v) => Math.max(1, v.parsed.raw.byteLength),
  });
  const blobs = new LRUCache<string, Uint8Array>({
    maxSize: maxBytes / 2,
    sizeCalculation: (v) => Math.max(1, v.byteLength),
  });
  return {
    getManifest: (repo, digest) => manifests.get(key(repo, digest)),
    setManifest: (repo, digest, value) => void manifests.set(key(repo, digest), value),
    getBlob: (repo, digest) => blobs.get(key(repo, digest)),
    setBlob: (repo, digest, bytes) => void blobs.set(key(repo, digest), bytes),
  };
}
