import { randomUUID } from 'node:crypto';

import { AppError, toPublicError, type PublicError } from '@/lib/errors';
import {
  currentActor,
  findActiveJobRecord,
  getDb,
  getJobRecord,
  insertJob,
  listJobRecords,
  markOrphanedJobsInterrupted,
  releaseOrphanedTagLocks,
  storeCodeOf,
  updateJobRecord,
  type JobQuery,
  type JobResource,
} from '@/lib/store';

import { enqueue, finish, SHUTDOWN_REASON } from './execute';
import {
  FINISHED,
  notify,
  state,
  view,
  type Job,
  type JobHandler,
  type JobKindOptions,
  type JobListener,
  type KindEntry,
} from './state';

export type { ProgressReporter } from './progress';
export type { Job, JobContext, JobHandler, JobKindOptions, JobListener } from './state';

/**
 * An in-process runner for long server-side work (push, copy, retag). Jobs and their progress are
 * persisted in the jobs table, so a page reload shows them and a server restart leaves them
 * 'interrupted', ready for retryJob. Kinds register a handler; the runner knows nothing about them.
 */

/**
 * Marks jobs a previous server process left 'running' or 'queued' as 'interrupted' (once per
 * database connection); returns how many were marked (0 while another process holds the write
 * lock: the next call tries again). Throws other STORE_* errors. Called by every runner entry point, so
 * calling it at server start is optional.
 */
export function recoverInterruptedJobs(): number {
  const s = state();
  const db = getDb();
  if (s.recovered.has(db)) return 0;
  try {
    // A killed server's tag leases would hold its tags for the lease time: free them with its jobs.
    releaseOrphanedTagLocks();
    const marked = markOrphanedJobsInterrupted(s.owner);
    s.recovered.add(db);
    return marked;
  } catch (err) {
    // A lock held elsewhere: reading jobs goes on, and the next call tries again.
    if (storeCodeOf(err) === 'STORE_BUSY') return 0;
    throw err;
  }
}

/** Registers (or replaces) the handler of a job kind, e.g. 'push-draft'. */
export function registerJobKind<P, R>(
  kind: string,
  handler: JobHandler<P, R>,
  options: JobKindOptions<P> = {},
): void {
  const entry: KindEntry = { handler: handler as JobHandler<unknown, unknown> };
  if (options.parseParams) entry.parseParams = options.parseParams;
  if (options.resources) entry.resources = options.resources as (params: unknown) => JobResource[];
  state().kinds.set(kind, entry);
}

/** Returns true when a handler is registered for the kind. */
export function isJobKindRegistered(kind: string): boolean {
  return state().kinds.has(kind);
}

/**
 * Returns the new job (status 'queued'; it starts on the next tick). `subject` names what it acts
 * on (e.g. 'draft:<id>') for latestJob(). With `dedupe`, the same kind, subject and params already
 * queued or running (a double click) returns that job instead: the work is done once. Throws UNSUPPORTED
 * for an unregistered kind, and whatever the kind's parseParams throws for bad params.
 */
export function startJob<P>(
  kind: string,
  params: P,
  opts: { subject?: string; dedupe?: boolean } = {},
): Job<P> {
  recoverInterruptedJobs();
  const s = state();
  const entry = s.kinds.get(kind);
  if (!entry) throw new AppError('UNSUPPORTED', `No job kind "${kind}" is registered`);
  const checked = entry.parseParams ? entry.parseParams(params) : params;
  const same = opts.dedupe ? findActiveJobRecord(kind, opts.subject ?? null, checked) : undefined;
  if (same) return view(same) as Job<P>;
  const record = insertJob({
    id: randomUUID(),
    kind,
    params: checked,
    subject: opts.subject ?? null,
    owner: s.owner,
    resources: entry.resources?.(checked) ?? null,
  });
  enqueue(record.id);
  return view(record) as Job<P>;
}

/** Returns the job, or undefined when there is none with that id. */
export function getJob<P = unknown, R = unknown>(id: string): Job<P, R> | undefined {
  recoverInterruptedJobs();
  const record = getJobRecord<P, R>(id);
  return record ? view(record) : undefined;
}

/** Returns matching jobs, newest first. */
export function listJobs(query: JobQuery = {}): Job[] {
  recoverInterruptedJobs();
  return listJobRecords(query).map((r) => view(r));
}

/** Returns the newest job about a subject (e.g. 'draft:<id>'), or undefined. */
export function latestJob(subject: string): Job | undefined {
  return listJobs({ subject, limit: 1 })[0];
}

/**
 * Returns the job queued again, keeping its id, params and progress (the handler sees the old
 * progress as `previous` and skips finished work), now acting for the current actor (who retried
 * it; the caller has checked they may, see lib/jobs/access). A queued or running job is returned as it is.
 * Throws JOB_NOT_FOUND for an unknown id, CONFLICT for a job that succeeded, UNSUPPORTED when its
 * kind is not registered in this process.
 */
export function retryJob(id: string): Job {
  recoverInterruptedJobs();
  const s = state();
  const record = getJobRecord(id);
  if (!record) throw new AppError('JOB_NOT_FOUND', `There is no job ${id}`);
  // A job whose end the store refused still reads 'running' there, but it ended here: retry it.
  const unstored = s.unstored.get(id);
  const status = unstored ? unstored.status : record.status;
  if (status === 'queued' || status === 'running') return view(record);
  if (status === 'succeeded')
    throw new AppError('CONFLICT', 'This job already succeeded; there is nothing to retry');
  if (!s.kinds.has(record.kind))
    throw new AppError('UNSUPPORTED', `No job kind "${record.kind}" is registered`);
  const actor = currentActor();
  updateJobRecord(id, {
    status: 'queued',
    error: null,
    owner: s.owner,
    finishedAt: null,
    ...(actor ? { actor } : {}),
  });
  s.unstored.delete(id);
  enqueue(id);
  const queued = getJobRecord(id)!;
  notify(view(queued));
  return view(queued);
}

/** Asks a queued or running job to stop (it fails with ABORTED); returns false when it is not active here. */
export function cancelJob(id: string): boolean {
  const s = state();
  const controller = s.running.get(id);
  if (controller) {
    controller.abort(new AppError('ABORTED', 'The job was cancelled'));
    return true;
  }
  const at = s.queue.indexOf(id);
  if (at === -1) return false;
  s.queue.splice(at, 1);
  finish(id, {
    status: 'failed',
    error: { code: 'ABORTED', message: 'The job was cancelled', retryable: true },
  });
  return true;
}

/** Returns an unsubscribe function; the listener hears the job after every persisted change. */
export function subscribeJob(id: string, listener: JobListener): () => void {
  const s = state();
  let set = s.listeners.get(id);
  if (!set) s.listeners.set(id, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) s.listeners.delete(id);
  };
}

/**
 * Returns the job once it has finished (succeeded, failed or interrupted). Throws JOB_NOT_FOUND for
 * an unknown id and TIMEOUT after `timeoutMs` (default 5 minutes).
 */
export function waitForJob<P = unknown, R = unknown>(
  id: string,
  timeoutMs = 300_000,
): Promise<Job<P, R>> {
  const current = getJob<P, R>(id);
  if (!current) return Promise.reject(new AppError('JOB_NOT_FOUND', `There is no job ${id}`));
  if (FINISHED.has(current.status) && !state().queue.includes(id) && !state().running.has(id)) {
    return Promise.resolve(current);
  }
  const s = state();
  return new Promise((resolve, reject) => {
    let set = s.waiters.get(id);
    if (!set) s.waiters.set(id, (set = new Set()));
    const done = (job: Job) => {
      clearTimeout(timer);
      resolve(job as Job<P, R>);
    };
    const timer = setTimeout(() => {
      set.delete(done);
      reject(new AppError('TIMEOUT', `Job ${id} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    set.add(done);
  });
}

/** Returns the public form of a job failure (what the job's `error` column stores). */
export function toJobError(err: unknown): PublicError {
  return toPublicError(err);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function drain(until: number): Promise<void> {
  while (state().running.size > 0 && Date.now() < until) await sleep(50);
}

/**
 * Returns once no job of this process is running, for shutdown: from now on no queued job starts;
 * running jobs get `graceMs` to finish, then are aborted at their next safe point and end
 * 'interrupted' (a retry resumes them). A handler that ignores its signal is marked interrupted
 * after a further second. Never throws.
 */
export async function stopJobs(graceMs: number): Promise<{ interrupted: number }> {
  const s = state();
  s.stopping = true;
  const started = Date.now();
  await drain(started + graceMs);
  const left = [...s.running];
  for (const [, controller] of left) controller.abort(SHUTDOWN_REASON);
  await drain(Date.now() + 1000);
  for (const [id] of s.running) {
    updateJobRecord(id, { status: 'interrupted', finishedAt: new Date().toISOString() });
  }
  return { interrupted: left.length };
}

/** Returns true once shutdown has begun: no job starts any more. */
export function jobsStopping(): boolean {
  return state().stopping;
}

/** Lets jobs start again after stopJobs (tests only: a real process exits after shutdown). */
export function resumeJobsForTests(): void {
  state().stopping = false;
}
