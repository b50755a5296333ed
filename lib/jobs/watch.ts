import { getJob, subscribeJob } from './runner';
import { FINISHED, type Job } from './state';

/** How often a waiting request looks at the store itself (a change made by another process). */
const STORE_LOOK_MS = 500;

/** How long a progress change waits for more before it is answered (the end never waits). */
const SETTLE_MS = 100;

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
  /** How long a progress change waits for more before it is answered (default 100 ms). */
  settleMs?: number;
}

const changed = (job: Job, since: string | undefined) =>
  since === undefined || job.updatedAt !== since || FINISHED.has(job.status);

/**
 * Returns the job once it has finished (at once), once it differs from what the caller has
 * (`since`; progress changes are gathered for 100 ms into one answer), or when `waitMs` has passed
 * (unchanged); undefined for an unknown id. A long poll: the browser and scripts hear progress
 * within 100 ms and the end at once, without asking every second.
 */
export function watchJob(id: string, opts: WatchOptions): Promise<Job | undefined> {
  // getJob, not the store directly: the first read after a restart marks a dead process's jobs
  // interrupted, so a watcher never waits on a job nobody runs.
  const read = (): Job | undefined => getJob(id);
  const first = read();
  if (!first || changed(first, opts.since) || opts.waitMs <= 0 || opts.signal?.aborted)
    return Promise.resolve(first);
  return new Promise((resolve) => {
    let settle: ReturnType<typeof setTimeout> | undefined;
    const done = (job: Job | undefined) => {
      clearTimeout(timer);
      clearTimeout(settle);
      clearInterval(look);
      unsubscribe();
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(job);
    };
    // The end is answered at once; a progress change after a short settling time, so a burst of
    // progress writes is one answer (each answer is a request the watcher makes again).
    const heard = (job: Job | undefined) => {
      if (!job || FINISHED.has(job.status)) return done(job);
      if (!changed(job, opts.since)) return;
      settle ??= setTimeout(() => done(read()), opts.settleMs ?? SETTLE_MS);
    };
    const unsubscribe = subscribeJob(id, heard);
    const look = setInterval(() => heard(read()), opts.lookMs ?? STORE_LOOK_MS);
    const timer = setTimeout(() => done(read()), Math.min(opts.waitMs, MAX_WATCH_MS));
    const onAbort = () => done(undefined);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
