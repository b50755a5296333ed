import { getDb, parseJsonColumn } from './db';

/** One platform of a list as a tag change recorded it: `linux/arm64` and the child's digest. */
export interface PlatformEntry {
  platform: string;
  digest: string;
}

/** A change to a tag seen outside Manifold's own actions: by a registry event or by a check. */
export interface TagChangeRecord {
  id: number;
  registry: string;
  repository: string;
  tag: string;
  /** null: the tag was deleted. */
  digest: string | null;
  mediaType: string | null;
  /** A list's platforms; null for a single image or a deletion. */
  platforms: PlatformEntry[] | null;
  /** ISO 8601: when the registry says it happened, or when the check saw it. */
  time: string;
  via: 'event' | 'check';
  /** The event's actor (the registry's user name), when it named one. */
  actor: string | null;
}

export type NewTagChange = Omit<TagChangeRecord, 'id'> & { inboxId?: number | null };

interface Row {
  id: number;
  registry: string;
  repository: string;
  tag: string;
  digest: string | null;
  media_type: string | null;
  platforms: string | null;
  time: string;
  via: 'event' | 'check';
  actor: string | null;
}

function toRecord(r: Row): TagChangeRecord {
  return {
    id: r.id,
    registry: r.registry,
    repository: r.repository,
    tag: r.tag,
    digest: r.digest,
    mediaType: r.media_type,
    platforms: parseJsonColumn<PlatformEntry[] | null>(r.platforms, null),
    time: r.time,
    via: r.via,
    actor: r.actor,
  };
}

/** Returns the stored row after appending a tag change; throws on SQLite errors. */
export function insertTagChange(c: NewTagChange): TagChangeRecord {
  const info = getDb()
    .prepare(
      `INSERT INTO tag_changes (registry, repository, tag, digest, media_type, platforms, time, via, actor, inbox_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.registry,
      c.repository,
      c.tag,
      c.digest,
      c.mediaType,
      c.platforms ? JSON.stringify(c.platforms) : null,
      c.time,
      c.via,
      c.actor,
      c.inboxId ?? null,
    );
  return toRecord(
    getDb().prepare('SELECT * FROM tag_changes WHERE id = ?').get(info.lastInsertRowid) as Row,
  );
}

/** Returns a tag's recorded changes, oldest first (at most `limit`, the newest ones). */
export function listTagChanges(
  key: { registry: string; repository: string; tag: string },
  limit = 500,
): TagChangeRecord[] {
  const rows = getDb()
    .prepare(
      `SELECT * FROM tag_changes WHERE registry = ? AND repository = ? AND tag = ?
       ORDER BY time DESC, id DESC LIMIT ?`,
    )
    .all(key.registry, key.repository, key.tag, limit) as Row[];
  return rows.reverse().map(toRecord);
}

/** What a tag is last known to hold, from tag changes and Manifold's own activity rows. */
export interface KnownTag {
  tag: string;
  /** null: last known deleted. */
  digest: string | null;
  time: string;
}

/**
 * Returns every tag of the repository Manifold has a record of, with the digest it last knew
 * (the newer of the latest tag change and the latest activity row naming the tag).
 */
export function knownTags(registry: string, repository: string): KnownTag[] {
  const rows = getDb()
    .prepare(
      `SELECT tag, digest, time FROM (
         SELECT tag, digest, time, id, 1 AS src FROM tag_changes WHERE registry = ? AND repository = ?
         UNION ALL
         SELECT tag, digest_after AS digest, time, id, 0 AS src FROM activity
           WHERE registry = ? AND repository = ? AND tag IS NOT NULL
       ) ORDER BY time, src, id`,
    )
    .all(registry, repository, registry, repository) as KnownTag[];
  const last = new Map<string, KnownTag>();
  for (const r of rows) last.set(r.tag, r);
  return [...last.values()];
}

/** Returns the tags of the repository whose last known digest is `digest`. */
export function tagsHolding(registry: string, repository: string, digest: string): string[] {
  return knownTags(registry, repository)
    .filter((t) => t.digest === digest)
    .map((t) => t.tag);
}

/** Returns the time of the newest recorded change of each tag of the repository ("last pushed"). */
export function lastChangedTimes(registry: string, repository: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of knownTags(registry, repository)) if (t.digest) out[t.tag] = t.time;
  return out;
}
