import { AsyncLocalStorage } from 'node:async_hooks';

import type { ProgressReporter } from './progress';

/** A request of a job that has not been answered yet, as the transport reports it. */
export interface JobWait {
  /** The same number on every notice about one request. */
  id: number;
  /** Whom the job waits for (a registry host). */
  registry: string;
  waitedMs: number;
  /** True when the answer (or the failure) came. */
  done: boolean;
}

interface JobScope {
  jobId: string;
  noteWait(wait: JobWait): void;
}

const storage = new AsyncLocalStorage<JobScope>();

/**
 * Returns the reporter a handler gets and runs `fn` with it as the current job: registry waits
 * noted while it runs show as the job's message ("Waiting for <registry> for 30 s", updated at
 * each notice) and the handler's own message comes back once nothing is waited for.
 */
export function runInJobScope<T>(
  jobId: string,
  reporter: ProgressReporter,
  fn: (progress: ProgressReporter) => Promise<T>,
): Promise<T> {
  const waits = new Map<number, JobWait>();
  let own = reporter.snapshot().message;
  const show = () => {
    let longest: JobWait | undefined;
    for (const w of waits.values()) if (!longest || w.waitedMs > longest.waitedMs) longest = w;
    reporter.setMessage(
      longest
        ? `Waiting for ${longest.registry} for ${Math.round(longest.waitedMs / 1000)} s`
        : own,
    );
  };
  const noteWait = (wait: JobWait) => {
    if (wait.done) waits.delete(wait.id);
    else waits.set(wait.id, wait);
    show();
  };
  const progress: ProgressReporter = {
    ...reporter,
    setMessage(message) {
      own = message;
      show();
    },
  };
  return storage.run({ jobId, noteWait }, () => fn(progress));
}

/** Returns the id of the job whose work is running now, or undefined outside a job (a page, a route). */
export function currentJobId(): string | undefined {
  return storage.getStore()?.jobId;
}

/** Records a wait of the current job's request in its progress; does nothing outside a job. */
export function noteJobWait(wait: JobWait): void {
  storage.getStore()?.noteWait(wait);
}
