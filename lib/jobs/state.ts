import { randomUUID } from 'node:crypto';

import { log } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import type { Db, JobProgress, JobRecord, JobResource } from '@/lib/store';

import type { ProgressReporter } from './progress';

/** A job as the API shows it. */
export type Job<P = unknown, R = unknown> = Omit<JobRecord<P, R>, 'owner'>;

export interface JobContext<P> {
  jobId: string;
  params: P;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** Progress recorded by the previous attempt (empty steps on the first run). */
  previous: JobProgress;
  signal: AbortSignal;
  progress: ProgressReporter;
}

/** Does the work of one kind of job; its return value is stored as the job's result; a throw fails the job. */
export type JobHandler<P = unknown, R = unknown> = (ctx: JobContext<P>) => Promise<R>;

export interface JobKindOptions<P> {
  /** Validates params before a job is stored (throw to refuse, e.g. zod's parse). */
  parseParams?: (raw: unknown) => P;
  /**
   * The resources a job of this kind reads and writes, from its checked params; stored with the
   * job so reading and retrying it are checked against them. A kind without it makes jobs only
   * admins see.
   */
  resources?: (params: P) => JobResource[];
}

/** What listeners hear: the job after every persisted change. */
export type JobListener = (job: Job) => void;

export interface KindEntry {
  handler: JobHandler<unknown, unknown>;
  parseParams?: (raw: unknown) => unknown;
  resources?: (params: unknown) => JobResource[];
}

export interface RunnerState {
  owner: string;
  recovered: WeakSet<Db>;
  kinds: Map<string, KindEntry>;
  running: Map<string, AbortController>;
  queue: string[];
  listeners: Map<string, Set<JobListener>>;
  waiters: Map<string, Set<(job: Job) => void>>;
  /** Each running job as last stored, so its end can be told even when the store cannot take it. */
  lastSeen: Map<string, Job>;
  /** Jobs whose end the store refused (full, read-only, ...): what this process tells readers. */
  unstored: Map<string, Job>;
  concurrency: number;
  /** Set at shutdown: queued jobs are no longer started and running ones are asked to stop. */
  stopping: boolean;
}

const globalForJobs = globalThis as unknown as { manifoldJobs?: RunnerState };

/** Returns the runner's process-wide state (kept on globalThis so dev reloads share it). */
export function state(): RunnerState {
  if (globalForJobs.manifoldJobs) return globalForJobs.manifoldJobs;
  const s: RunnerState = (globalForJobs.manifoldJobs = {
    owner: randomUUID(),
    recovered: new WeakSet(),
    kinds: new Map(),
    running: new Map(),
    queue: [],
    listeners: new Map(),
    waiters: new Map(),
    lastSeen: new Map(),
    unstored: new Map(),
    concurrency: 2,
    stopping: false,
  });
  metrics().queue.read = () => ({ running: s.running.size, queued: s.queue.length });
  return s;
}

/** Statuses after which a job does no more work. */
export const FINISHED = new Set(['succeeded', 'failed', 'interrupted']);

/**
 * Returns the job as the API shows it (without the owning process); a job this process ran whose
 * end the store refused shows that end while the store still says it runs.
 */
export function view<P, R>(record: JobRecord<P, R>): Job<P, R> {
  const { owner: _owner, ...rest } = record;
  const unstored = globalForJobs.manifoldJobs?.unstored.get(record.id);
  if (!unstored) return rest;
  if (record.status !== 'running' && record.status !== 'queued') {
    globalForJobs.manifoldJobs?.unstored.delete(record.id);
    return rest;
  }
  return unstored as Job<P, R>;
}

/** Tells the job's listeners about its persisted change; a failing listener is logged, not fatal. */
export function notify(job: Job): void {
  for (const listener of state().listeners.get(job.id) ?? []) {
    try {
      listener(job);
    } catch (err) {
      log().error({ err, jobId: job.id }, 'job listener failed');
    }
  }
}
