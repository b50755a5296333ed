import { getJob, subscribeJob } from './runner';
import { FINISHED, type Job } from './state';

/** How often a waiting request looks at the store itself (a change made by another process). */
const STORE_LOOK_MS = 500;

/** The longest a request may wait for a change (below common proxy idle timeouts). */
export const MAX_WATCH_MS = 25_000;

export interface WatchOptions {
  /** The `updatedAt` the caller already has: answer as soon as the job differs from it. */
  since?: string;
  /** How long to wait for a change (ms, at most MAX_WATCH_MS). */
  waitMs: number;
  signal?: AbortSignal;
  /** How often to look at the store for another process's change (default 500 ms). */
  lookMs?: number;
}

const changed = (job: Job, since: string | undefined) =>
  since === undefined || job.updatedAt !== since || FINISHED.has(job.status);

/**
 * Returns the job once it differs from what the caller has (`since`), once it has finished, or
 * when `waitMs` has passed (unchanged); undefined for an unknown id. A long poll: the browser and
 * scripts hear each progress write and the end at once, without asking every second.
 */
export function watchJob(id: string, opts: WatchOptions): Promise<Job | undefined> {
  // getJob, not the store directly: the first read after a restart marks a dead process's jobs
  // interrupted, so a watcher never waits on a job nobody runs.
  const read = (): Job | undefined => getJob(id);
  const first = read();
  if (!first || changed(first, opts.since) || opts.waitMs <= 0 || opts.signal?.aborted)
    return Promise.resolve(first);
  return new Promise((resolve) => {
    const done = (job: Job | undefined) => {
      clearTimeout(timer);
      clearInterval(look);
      unsubscribe();
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(job);
    };
    const unsubscribe = subscribeJob(id, (job) => {
      if (changed(job, opts.since)) done(job);
    });
    const look = setInterval(() => {
      const job = read();
      if (!job || changed(job, opts.since)) done(job);
    }, opts.lookMs ?? STORE_LOOK_MS);
    const timer = setTimeout(() => done(read()), Math.min(opts.waitMs, MAX_WATCH_MS));
    const onAbort = () => done(undefined);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
