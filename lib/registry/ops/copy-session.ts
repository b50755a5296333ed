import pLimit, { type LimitFunction } from 'p-limit';

import type { RepositoryRef } from '../protocol/context';
import type { BlobCopyResult } from './copy-blob';

/**
 * Work shared by several copies into the same destinations (the children of one push): each blob
 * is copied once per destination repository however many children carry it, so two children never
 * HEAD, mount or upload the same blob at the same moment (distribution answers a HEAD of a blob
 * being uploaded with 500, and a second mount rewrites a link a manifest PUT may be reading).
 */
export interface CopySession {
  /** Bounds the blob copies running at once across every copy of the session. */
  readonly limit: LimitFunction;
  readonly blobs: Map<string, SharedBlobCopy>;
}

/** One blob copy in flight, and everyone waiting for its progress. */
export interface SharedBlobCopy {
  readonly done: Promise<BlobCopyResult>;
  readonly listeners: Set<(bytes: number) => void>;
}

/** Enough for every blob of a usual list in one wave; the transport still bounds connections. */
export const DEFAULT_BLOB_CONCURRENCY = 16;

/** Returns a session for copies that should share their blob work (default: 16 blobs at once). */
export function createCopySession(concurrency = DEFAULT_BLOB_CONCURRENCY): CopySession {
  return { limit: pLimit(concurrency), blobs: new Map() };
}

/**
 * Returns the copy of a blob into `dst` and whether this caller started it: the first caller's
 * `start` runs (under the session's limit), later callers join it and hear its progress too.
 */
export function sharedBlobCopy(
  session: CopySession,
  dst: RepositoryRef,
  digest: string,
  start: (progress: (bytes: number) => void) => Promise<BlobCopyResult>,
  onProgress: (bytes: number) => void,
): { done: Promise<BlobCopyResult>; owner: boolean } {
  const key = `${dst.registry}/${dst.repository}@${digest}`;
  const existing = session.blobs.get(key);
  if (existing) {
    existing.listeners.add(onProgress);
    return { done: existing.done, owner: false };
  }
  const listeners = new Set([onProgress]);
  const done = session.limit(() => start((bytes) => listeners.forEach((l) => l(bytes))));
  session.blobs.set(key, { done, listeners });
  return { done, owner: true };
}
