import { AppError, isAppError, toPublicError } from '@/lib/errors';
import { log } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { withRequestId } from '@/lib/request-id';
import {
  getJobRecord,
  updateJobRecord,
  withActor,
  type JobError,
  type JobProgress,
  type JobRecord,
} from '@/lib/store';

import { createProgressReporter, MAX_PERSIST_RETRIES, RETRY_BASE_MS } from './progress';
import { runInJobScope } from './scope';
import { notify, state, view, type Job } from './state';

/** Queues a job id and starts work on the next tick, up to the runner's concurrency. */
export function enqueue(id: string): void {
  const s = state();
  if (!s.queue.includes(id)) s.queue.push(id);
  setImmediate(pump);
}

function pump(): void {
  const s = state();
  // At shutdown nothing new starts: queued jobs stay queued and the next start marks them interrupted.
  while (!s.stopping && s.running.size < s.concurrency && s.queue.length > 0) {
    const id = s.queue.shift()!;
    void run(id);
  }
}

type End = {
  status: 'succeeded' | 'failed' | 'interrupted';
  result?: unknown;
  error?: JobError;
  progress?: JobProgress;
};

/**
 * Stores a job's final status, then tells its listeners and waiters. When the store cannot take
 * it (full, read-only, locked, damaged), they hear the end all the same and this process shows it
 * (see view) so nobody sees the job `running` forever; a lock is waited out (the write is retried
 * with back-off), other failures leave the stored row to the next start, which marks it interrupted.
 */
export function finish(id: string, patch: End): void {
  const s = state();
  const last = s.lastSeen.get(id);
  s.lastSeen.delete(id);
  let job: Job | undefined;
  try {
    job = storeEnd(id, patch);
  } catch (err) {
    job = unstoredEnd(patch, last);
    if (job) s.unstored.set(id, job);
    retryEnd(id, patch, err, 0);
  }
  if (!job) return;
  // It runs no more: a cancel or retry that its waiters make at once must not find it running.
  s.running.delete(id);
  notify(job);
  for (const waiter of s.waiters.get(id) ?? []) waiter(job);
  s.waiters.delete(id);
}

function storeEnd(id: string, patch: End): Job | undefined {
  updateJobRecord(id, {
    status: patch.status,
    finishedAt: new Date().toISOString(),
    ...(patch.result !== undefined ? { result: patch.result } : {}),
    ...(patch.error !== undefined ? { error: patch.error } : {}),
    ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
  });
  const record = getJobRecord(id);
  return record ? view(record) : undefined;
}

function retryEnd(id: string, patch: End, err: unknown, attempt: number): void {
  if (!isAppError(err) || !err.retryable || attempt >= MAX_PERSIST_RETRIES) {
    log().error({ err, jobId: id, status: patch.status }, 'a job’s end could not be stored');
    return;
  }
  setTimeout(
    () => {
      try {
        storeEnd(id, patch);
        state().unstored.delete(id);
      } catch (again) {
        retryEnd(id, patch, again, attempt + 1);
      }
    },
    RETRY_BASE_MS * 2 ** attempt,
  );
}

// The job as this process last knew it, ended: what readers see while the store cannot take the end.
function unstoredEnd(patch: End, last: Job | undefined): Job | undefined {
  if (!last) return undefined;
  const now = new Date().toISOString();
  return {
    ...last,
    status: patch.status,
    result: patch.result ?? null,
    error: patch.error ?? null,
    updatedAt: now,
    finishedAt: now,
  };
}

async function run(id: string): Promise<void> {
  const s = state();
  try {
    await runStored(id);
  } catch (err) {
    // The store failed before the handler ran (the job could not even be marked running).
    finish(id, { status: 'failed', error: toPublicError(err) });
  } finally {
    s.running.delete(id);
    pump();
  }
}

async function runStored(id: string): Promise<void> {
  const s = state();
  const record = getJobRecord(id);
  if (!record || record.status !== 'queued') return;
  s.lastSeen.set(id, view(record));
  // The job's log lines and registry requests carry the id of the request that started it.
  await withRequestId(record.requestId, () => runRecord(record));
}

/** Records a finished job in the metrics and the log. */
function observe(kind: string, outcome: string, started: number, jobId: string): void {
  const seconds = (performance.now() - started) / 1000;
  metrics().jobs.inc({ kind, outcome });
  metrics().jobDuration.observe({ kind, outcome }, seconds);
  log().info({ jobId, kind, outcome, durationMs: Math.round(seconds * 1000) }, 'job finished');
}

async function runRecord(record: JobRecord): Promise<void> {
  const s = state();
  const id = record.id;
  const entry = s.kinds.get(record.kind);
  if (!entry) {
    finish(id, {
      status: 'failed',
      error: {
        code: 'UNSUPPORTED',
        message: `No job kind "${record.kind}" is registered`,
        retryable: true,
      },
    });
    return;
  }
  const controller = new AbortController();
  s.running.set(id, controller);
  const started = performance.now();
  const attempt = record.attempts + 1;
  updateJobRecord(id, {
    status: 'running',
    attempts: attempt,
    owner: s.owner,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  });
  let current = getJobRecord(id)!;
  s.lastSeen.set(id, view(current));
  notify(view(current));
  // A progress write the store refused ends the job with the store's code: its work stops (the
  // signal) rather than go on unrecorded, and what was stored before stays.
  let storeFailure: unknown;
  // While it runs, only this runner writes the job: its listeners hear the record as written,
  // not read back and parsed again on every progress write.
  const reporter = createProgressReporter(
    record.progress,
    (progress) => {
      const updatedAt = updateJobRecord(id, { progress });
      if (!updatedAt) return;
      current = { ...current, progress, updatedAt };
      s.lastSeen.set(id, view(current));
      notify(view(current));
    },
    (err) => {
      storeFailure ??= err;
      controller.abort(err);
    },
  );
  try {
    // The job acts for whoever started it: its activity rows name them.
    const result = await withActor(record.actor, () =>
      runInJobScope(id, reporter, (progress) =>
        entry.handler({
          jobId: id,
          params: record.params,
          attempt,
          previous: record.progress,
          signal: controller.signal,
          progress,
        }),
      ),
    );
    reporter.flush();
    // Work done but not recorded is reported as the store's failure; a retry resumes it.
    const outcome = storeFailure !== undefined ? 'failed' : 'succeeded';
    if (storeFailure !== undefined)
      finish(id, { status: 'failed', error: toPublicError(storeFailure) });
    else finish(id, { status: 'succeeded', result: result ?? null });
    observe(record.kind, outcome, started, id);
  } catch (err) {
    reporter.flush();
    const failure = storeFailure ?? err;
    const error = toPublicError(failure);
    // Stopped by shutdown: interrupted, so a retry (here or after the restart) resumes it.
    const outcome =
      storeFailure === undefined && isShutdown(controller.signal) ? 'interrupted' : 'failed';
    if (error.code === 'INTERNAL')
      log().error({ err: failure, jobId: id, kind: record.kind }, 'job failed');
    finish(id, { status: outcome, error });
    observe(record.kind, outcome, started, id);
  }
}

/** The abort reason of jobs stopped at shutdown (graceful-shutdown waited as long as it may). */
export const SHUTDOWN_REASON = new AppError('ABORTED', 'The server shut down while the job ran', {
  retryable: true,
});

function isShutdown(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason === SHUTDOWN_REASON;
}
