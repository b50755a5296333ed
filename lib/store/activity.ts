import { currentActor, type Actor } from './actor';
import { getDb, nowIso, parseJsonColumn } from './db';

/** What happened to a tag or manifest. */
export type ActivityAction =
  'push' | 'retag' | 'copy' | 'delete' | 'untag' | 'restore' | 'remove-platform';

/** One entry of the activity log. A tag's history is its rows for (registry, repository, tag). */
export interface ActivityRecord {
  id: number;
  /** ISO 8601 */
  time: string;
  action: ActivityAction;
  registry: string;
  repository: string;
  tag: string | null;
  digestBefore: string | null;
  digestAfter: string | null;
  jobId: string | null;
  /** Free-form JSON about the change (e.g. platforms, source reference, forced). */
  detail: Record<string, unknown>;
  /** Who made the change (a user, a token, 'local user'); null for rows from before sign-in existed. */
  who: string | null;
  /** Stable id of who: 'local', 'local:<name>', 'oidc:<issuer>#<sub>', 'proxy:<name>', 'token:<id>'. */
  whoId: string | null;
}

export interface NewActivity {
  action: ActivityAction;
  registry: string;
  repository: string;
  tag?: string | null;
  digestBefore?: string | null;
  digestAfter?: string | null;
  jobId?: string | null;
  detail?: Record<string, unknown>;
  /** Default: now. */
  time?: string;
  /** Default: the current request's or job's actor. */
  actor?: Actor;
}

export interface ActivityQuery {
  registry?: string;
  repository?: string;
  /** Part of a repository name, as people type it in a filter (`shazam` finds demo/shazam). */
  repositoryPart?: string;
  /** A tag name; null selects rows without a tag (digest-only operations). */
  tag?: string | null;
  action?: ActivityAction;
  jobId?: string;
  /** Only rows with an id below this one (the previous page's last id). */
  before?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

interface ActivityRow {
  id: number;
  time: string;
  action: string;
  registry: string;
  repository: string;
  tag: string | null;
  digest_before: string | null;
  digest_after: string | null;
  job_id: string | null;
  detail: string;
  who: string | null;
  who_id: string | null;
}

function toRecord(row: ActivityRow): ActivityRecord {
  return {
    id: row.id,
    time: row.time,
    action: row.action as ActivityAction,
    registry: row.registry,
    repository: row.repository,
    tag: row.tag,
    digestBefore: row.digest_before,
    digestAfter: row.digest_after,
    jobId: row.job_id,
    detail: parseJsonColumn<Record<string, unknown>>(row.detail, {}),
    who: row.who,
    whoId: row.who_id,
  };
}

/** Returns the stored activity row after appending it to the log; throws on SQLite errors. */
export function recordActivity(input: NewActivity): ActivityRecord {
  const actor = input.actor ?? currentActor();
  const info = getDb()
    .prepare(
      `INSERT INTO activity (time, action, registry, repository, tag, digest_before, digest_after, job_id, detail, who, who_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.time ?? nowIso(),
      input.action,
      input.registry,
      input.repository,
      input.tag ?? null,
      input.digestBefore ?? null,
      input.digestAfter ?? null,
      input.jobId ?? null,
      JSON.stringify(input.detail ?? {}),
      actor?.name ?? null,
      actor?.id ?? null,
    );
  const row = getDb()
    .prepare('SELECT * FROM activity WHERE id = ?')
    .get(info.lastInsertRowid) as ActivityRow;
  return toRecord(row);
}

/** A tag a job wrote: where, and the digest it held before (null: new tag) and after. */
export interface TagWrite {
  registry: string;
  repository: string;
  tag: string;
  digestBefore: string | null;
  digestAfter: string;
}

/** Returns the stored row after logging a tag a job wrote (see recordActivity); throws on SQLite errors. */
export function recordTagWrite(
  action: ActivityAction,
  write: TagWrite,
  jobId: string,
  detail: Record<string, unknown>,
): ActivityRecord {
  return recordActivity({
    action,
    registry: write.registry,
    repository: write.repository,
    tag: write.tag,
    digestBefore: write.digestBefore,
    digestAfter: write.digestAfter,
    jobId,
    detail,
  });
}

/**
 * Returns matching activity rows, newest first (page with `before` = last id seen). With `keep`,
 * only the rows it returns (possibly changed) count toward the limit: older rows are read in
 * batches until the page is full, so a reader who may see few rows still gets whole pages.
 */
export function listActivity(
  query: ActivityQuery = {},
  keep?: (row: ActivityRecord) => ActivityRecord | undefined,
): ActivityRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (query.registry !== undefined) {
    where.push('registry = ?');
    args.push(query.registry);
  }
  if (query.repository !== undefined) {
    where.push('repository = ?');
    args.push(query.repository);
  }
  if (query.repositoryPart !== undefined) {
    where.push('instr(repository, ?) > 0');
    args.push(query.repositoryPart);
  }
  if (query.tag === null) where.push('tag IS NULL');
  else if (query.tag !== undefined) {
    where.push('tag = ?');
    args.push(query.tag);
  }
  if (query.action !== undefined) {
    where.push('action = ?');
    args.push(query.action);
  }
  if (query.jobId !== undefined) {
    where.push('job_id = ?');
    args.push(query.jobId);
  }
  where.push('id < ?');
  const limit = Math.max(1, Math.min(500, Math.trunc(query.limit ?? 50)));
  const batch = keep ? Math.max(limit, 200) : limit;
  const stmt = getDb().prepare(
    `SELECT * FROM activity WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
  );
  const out: ActivityRecord[] = [];
  let before = query.before ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = stmt.all(...args, before, batch) as ActivityRow[];
    for (const row of rows) {
      const kept = keep ? keep(toRecord(row)) : toRecord(row);
      if (kept) out.push(kept);
      if (out.length === limit) return out;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batch) return out;
    before = last.id;
  }
}
