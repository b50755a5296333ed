import type { PublicError } from '@/lib/errors';

import { currentRequestId } from '@/lib/request-id';

import { currentActor, type Actor } from './actor';
import { getDb, nowIso, parseJsonColumn } from './db';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'interrupted';

export type JobStepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

/** One unit of work of a job: a child manifest, a blob, the index, a check. */
export interface JobStep {
  id: string;
  label: string;
  status: JobStepStatus;
  /** Step this one belongs to (a blob belongs to its child manifest). */
  parent?: string;
  kind?: string;
  bytesDone?: number;
  bytesTotal?: number;
  /** Short text about how it ended: 'mounted', 'already there', the error message. */
  detail?: string;
}

export interface JobProgress {
  steps: JobStep[];
  /** What the job is doing now, in a few words. */
  message?: string;
}

/**
 * One thing a job reads or writes: a repository (or without one a registry's catalog) and the
 * action, the shape of lib/auth's Resource (kept here so the store depends on no auth code).
 */
export interface JobResource {
  registry: string;
  repository?: string;
  action: 'pull' | 'push' | 'overwrite' | 'delete';
}

/** A failed job's error: the public error shape (code, message, hint, retryable, details). */
export type JobError = PublicError;

export interface JobRecord<P = unknown, R = unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  subject: string | null;
  params: P;
  progress: JobProgress;
  result: R | null;
  error: JobError | null;
  attempts: number;
  owner: string | null;
  /** Who started (or last retried) the job: its activity rows name them; null for jobs from before sign-in existed. */
  actor: Actor | null;
  /** What the job reads and writes; null for jobs from before resources were stored (admins only). */
  resources: JobResource[] | null;
  /** The id of the request that started the job (logs and registry requests carry it). */
  requestId: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  subject: string | null;
  params: string;
  progress: string;
  result: string | null;
  error: string | null;
  attempts: number;
  owner: string | null;
  who: string | null;
  who_id: string | null;
  resources: string | null;
  request_id: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function toRecord<P, R>(row: JobRow): JobRecord<P, R> {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    subject: row.subject,
    params: parseJsonColumn<P>(row.params, {} as P),
    progress: parseJsonColumn<JobProgress>(row.progress, { steps: [] }),
    result: parseJsonColumn<R | null>(row.result, null),
    error: parseJsonColumn<JobError | null>(row.error, null),
    attempts: row.attempts,
    owner: row.owner,
    actor: row.who_id !== null ? { id: row.who_id, name: row.who ?? row.who_id } : null,
    resources: parseJsonColumn<JobResource[] | null>(row.resources, null),
    requestId: row.request_id ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Returns the stored job after inserting it as 'queued'; throws on SQLite errors. */
export function insertJob(input: {
  id: string;
  kind: string;
  params: unknown;
  subject?: string | null;
  owner?: string | null;
  resources?: readonly JobResource[] | null;
}): JobRecord {
  const now = nowIso();
  const actor = currentActor();
  getDb()
    .prepare(
      `INSERT INTO jobs (id, kind, status, subject, params, progress, attempts, owner, created_at, updated_at, who, who_id, resources, request_id)
       VALUES (?, ?, 'queued', ?, ?, '{"steps":[]}', 0, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.id,
      input.kind,
      input.subject ?? null,
      JSON.stringify(input.params ?? {}),
      input.owner ?? null,
      now,
      now,
      actor?.name ?? null,
      actor?.id ?? null,
      input.resources ? JSON.stringify(input.resources) : null,
      currentRequestId() ?? null,
    );
  return getJobRecord(input.id)!;
}

/**
 * Returns a queued or running job of `kind` on `subject` whose params are exactly `params`
 * (compared as stored JSON), or undefined: the same work asked twice (a double click).
 */
export function findActiveJobRecord(
  kind: string,
  subject: string | null,
  params: unknown,
): JobRecord | undefined {
  const row = getDb()
    .prepare(
      `SELECT * FROM jobs WHERE kind = ? AND subject IS ? AND params = ?
       AND status IN ('queued', 'running') ORDER BY created_at LIMIT 1`,
    )
    .get(kind, subject, JSON.stringify(params ?? {})) as JobRow | undefined;
  return row ? toRecord(row) : undefined;
}

/** Returns the job, or undefined when there is none with that id. */
export function getJobRecord<P = unknown, R = unknown>(id: string): JobRecord<P, R> | undefined {
  const row = getDb().prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? toRecord<P, R>(row) : undefined;
}

export interface JobPatch {
  status?: JobStatus;
  progress?: JobProgress;
  result?: unknown;
  error?: JobError | null;
  attempts?: number;
  owner?: string | null;
  /** Who the job now acts for (a retry acts for whoever retried it). */
  actor?: Actor;
  startedAt?: string | null;
  finishedAt?: string | null;
}

/** Writes the given fields of a job and its updated_at; returns that time, or undefined when the job does not exist. */
export function updateJobRecord(id: string, patch: JobPatch): string | undefined {
  const updatedAt = nowIso();
  const sets: string[] = ['updated_at = ?'];
  const args: unknown[] = [updatedAt];
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    args.push(value);
  };
  if (patch.status !== undefined) set('status', patch.status);
  if (patch.progress !== undefined) set('progress', JSON.stringify(patch.progress));
  if (patch.result !== undefined)
    set('result', patch.result === null ? null : JSON.stringify(patch.result));
  if (patch.error !== undefined)
    set('error', patch.error === null ? null : JSON.stringify(patch.error));
  if (patch.attempts !== undefined) set('attempts', patch.attempts);
  if (patch.owner !== undefined) set('owner', patch.owner);
  if (patch.actor !== undefined) {
    set('who', patch.actor.name);
    set('who_id', patch.actor.id);
  }
  if (patch.startedAt !== undefined) set('started_at', patch.startedAt);
  if (patch.finishedAt !== undefined) set('finished_at', patch.finishedAt);
  const { changes } = getDb()
    .prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = ?`)
    .run(...args, id);
  return changes > 0 ? updatedAt : undefined;
}

export interface JobQuery {
  subject?: string;
  kind?: string;
  status?: JobStatus;
  /** Default 20, at most 200. */
  limit?: number;
}

/** Returns matching jobs, newest first. */
export function listJobRecords(query: JobQuery = {}): JobRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (query.subject !== undefined) {
    where.push('subject = ?');
    args.push(query.subject);
  }
  if (query.kind !== undefined) {
    where.push('kind = ?');
    args.push(query.kind);
  }
  if (query.status !== undefined) {
    where.push('status = ?');
    args.push(query.status);
  }
  const limit = Math.max(1, Math.min(200, Math.trunc(query.limit ?? 20)));
  const rows = getDb()
    .prepare(
      `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    )
    .all(...args, limit) as JobRow[];
  return rows.map((r) => toRecord(r));
}

/**
 * Marks jobs left 'running' or 'queued' by another process instance (a server that stopped) as
 * 'interrupted'; returns how many were marked.
 */
export function markOrphanedJobsInterrupted(currentOwner: string): number {
  const now = nowIso();
  const error = JSON.stringify({
    code: 'INTERRUPTED',
    message: 'The server stopped while this job was running. Retry it to resume where it stopped.',
    retryable: true,
  });
  return getDb()
    .prepare(
      `UPDATE jobs SET status = 'interrupted', error = ?, updated_at = ?, finished_at = ?
       WHERE status IN ('running', 'queued') AND (owner IS NULL OR owner != ?)`,
    )
    .run(error, now, now, currentOwner).changes;
}
