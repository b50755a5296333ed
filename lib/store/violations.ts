import { getDb, parseJsonColumn } from './db';

/** A tag that lacks platforms a rule requires, or lost platforms it had (drift, `rule` null). */
export interface ViolationRecord {
  id: number;
  registry: string;
  repository: string;
  tag: string;
  digest: string;
  rule: string | null;
  missing: string[];
  time: string;
  via: 'event' | 'check';
  actor: string | null;
}

interface Row extends Omit<ViolationRecord, 'missing'> {
  missing: string;
}

/**
 * Returns the stored violation, or undefined when the same tag, digest and rule was recorded
 * already (a redelivered event, a check seeing it again). Throws on SQLite errors.
 */
export function recordViolation(v: Omit<ViolationRecord, 'id'>): ViolationRecord | undefined {
  const info = getDb()
    .prepare(
      `INSERT OR IGNORE INTO violations (registry, repository, tag, digest, rule, missing, time, via, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      v.registry,
      v.repository,
      v.tag,
      v.digest,
      v.rule,
      JSON.stringify(v.missing),
      v.time,
      v.via,
      v.actor,
    );
  if (info.changes === 0) return undefined;
  return { ...v, id: Number(info.lastInsertRowid) };
}

/** Returns the violations of a repository (of one tag when given), newest first. */
export function listViolations(q: {
  registry: string;
  repository: string;
  tag?: string;
}): ViolationRecord[] {
  const rows = getDb()
    .prepare(
      `SELECT * FROM violations WHERE registry = ? AND repository = ? AND (? IS NULL OR tag = ?)
       ORDER BY time DESC, id DESC LIMIT 500`,
    )
    .all(q.registry, q.repository, q.tag ?? null, q.tag ?? null) as Row[];
  return rows.map((r) => ({ ...r, missing: parseJsonColumn<string[]>(r.missing, []) }));
}
