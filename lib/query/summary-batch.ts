import type { TagSummary } from '@/lib/browse/tag-summary';
import { fromPublicError, type PublicError } from '@/lib/errors';

import { apiFetch } from './api-fetch';

/** The most tags one `GET /api/summaries` carries (the route's own limit). */
export const SUMMARY_BATCH_MAX = 50;

type Entry = TagSummary | { error: PublicError };

interface Waiter {
  resolve: (s: TagSummary) => void;
  reject: (err: unknown) => void;
}

interface Batch {
  tags: Map<string, Waiter[]>;
  timer: ReturnType<typeof setTimeout>;
}

const WINDOW_MS = 16;

/**
 * Returns a loader that gathers the summaries asked for within one frame (16 ms) per repository
 * into one `GET /api/summaries` of up to 50 tags: the rows a virtual list mounts together cost
 * one request, not one each. `fetcher` is the API fetch (injectable for tests).
 */
export function createSummaryBatcher(fetcher: typeof apiFetch = apiFetch) {
  const pending = new Map<string, Batch>();

  const send = (key: string, host: string, repository: string): void => {
    const batch = pending.get(key);
    if (!batch) return;
    pending.delete(key);
    const all = [...batch.tags.entries()];
    for (let i = 0; i < all.length; i += SUMMARY_BATCH_MAX) {
      const slice = all.slice(i, i + SUMMARY_BATCH_MAX);
      const params = new URLSearchParams({
        registry: host,
        repository,
        tags: slice.map(([tag]) => tag).join(','),
      });
      fetcher<{ summaries: Record<string, Entry> }>(`/api/summaries?${params}`).then(
        ({ summaries }) => {
          for (const [tag, waiters] of slice) {
            const entry = summaries[tag];
            for (const w of waiters) {
              if (!entry) w.reject(new Error(`No summary of ${tag} in the answer`));
              else if ('error' in entry) w.reject(fromPublicError(entry.error));
              else w.resolve(entry);
            }
          }
        },
        (err: unknown) => slice.forEach(([, waiters]) => waiters.forEach((w) => w.reject(err))),
      );
    }
  };

  return function load(host: string, repository: string, tag: string): Promise<TagSummary> {
    const key = `${host}/${repository}`;
    let batch = pending.get(key);
    if (!batch) {
      batch = { tags: new Map(), timer: setTimeout(() => send(key, host, repository), WINDOW_MS) };
      pending.set(key, batch);
    }
    const b = batch;
    return new Promise<TagSummary>((resolve, reject) => {
      const waiters = b.tags.get(tag) ?? [];
      waiters.push({ resolve, reject });
      b.tags.set(tag, waiters);
    });
  };
}

/** The browser's one batcher. */
export const loadTagSummary = createSummaryBatcher();
