import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit a
 * migration that has shipped: append a new one.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE drafts (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    content     TEXT NOT NULL,           -- IndexDraft JSON (format, entries, annotations, ...)
    based_on    TEXT,                    -- { reference, digest } JSON: the registry list it started from
    destinations TEXT NOT NULL DEFAULT '[]', -- last destinations pushed to, JSON
    revision    INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );

  CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'interrupted')),
    subject     TEXT,                    -- what the job acts on, e.g. 'draft:<id>', for "latest job of"
    params      TEXT NOT NULL,
    progress    TEXT NOT NULL DEFAULT '{"steps":[]}',
    result      TEXT,
    error       TEXT,                    -- { code, message, hint?, retryable, details? }
    attempts    INTEGER NOT NULL DEFAULT 0,
    owner       TEXT,                    -- process instance running it
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    started_at  TEXT,
    finished_at TEXT
  );
  CREATE INDEX jobs_subject ON jobs (subject, created_at);
  CREATE INDEX jobs_status ON jobs (status);

  CREATE TABLE activity (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    time          TEXT NOT NULL,
    action        TEXT NOT NULL,
    registry      TEXT NOT NULL,
    repository    TEXT NOT NULL,
    tag           TEXT,
    digest_before TEXT,
    digest_after  TEXT,
    job_id        TEXT,
    detail        TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX activity_target ON activity (registry, repository, tag, id);
  CREATE INDEX activity_job ON activity (job_id);
  `,
  // 1 when the user chose the draft's format (or it came from a list); 0 while Manifold may pick it
  // from the first images added. Drafts made before this column existed keep their format.
  `
  ALTER TABLE drafts ADD COLUMN format_chosen INTEGER NOT NULL DEFAULT 1;
  `,
  // Platform coverage scans: one row per scan (its id is the job's), results per repository and
  // per repository x platform (for filters and totals in SQL), and what each manifest digest runs
  // on, so a second scan asks the registry only for its tags.
  `
  CREATE TABLE coverage_scans (
    id                TEXT PRIMARY KEY,
    registry          TEXT NOT NULL,
    params            TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    finished_at       TEXT,
    catalog_done      INTEGER NOT NULL DEFAULT 0,  -- 1 once every repository in scope is known
    repositories_seen INTEGER NOT NULL DEFAULT 0,
    requests          INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX coverage_scans_registry ON coverage_scans (registry, created_at);

  CREATE TABLE coverage_repos (
    scan_id     TEXT NOT NULL REFERENCES coverage_scans (id) ON DELETE CASCADE,
    repository  TEXT NOT NULL,
    tag_count   INTEGER NOT NULL,
    tags        TEXT NOT NULL,              -- [{ tag, digest, kind, platforms, broken }] JSON
    broken      INTEGER NOT NULL DEFAULT 0, -- children that could not be read, all tags
    error       TEXT,                       -- { code, message } when the repository could not be scanned
    scanned_at  TEXT NOT NULL,
    PRIMARY KEY (scan_id, repository)
  );

  CREATE TABLE coverage_platforms (
    scan_id     TEXT NOT NULL,
    repository  TEXT NOT NULL,
    platform    TEXT NOT NULL,
    tags_with   INTEGER NOT NULL,
    PRIMARY KEY (scan_id, repository, platform),
    FOREIGN KEY (scan_id, repository) REFERENCES coverage_repos (scan_id, repository) ON DELETE CASCADE
  );
  CREATE INDEX coverage_platforms_platform ON coverage_platforms (scan_id, platform);

  CREATE TABLE coverage_digests (
    registry    TEXT NOT NULL,
    repository  TEXT NOT NULL,
    digest      TEXT NOT NULL,
    result      TEXT NOT NULL,              -- DigestCoverage JSON
    created_at  TEXT NOT NULL,
    PRIMARY KEY (registry, repository, digest)
  );
  `,
  // Writes to one tag are serialised across jobs and processes: a lease per 'registry/repo:tag'.
  `
  CREATE TABLE tag_locks (
    key         TEXT PRIMARY KEY,        -- 'registry/repository:tag'
    owner       TEXT NOT NULL,           -- who holds it (one token per acquisition)
    expires_at  INTEGER NOT NULL         -- ms since the epoch; an expired lease may be taken over
  );
  `,
  // Sign-in sessions and API tokens, both stored as the sha256 of the secret the client holds, so
  // a copy of the database signs nobody in. Activity rows name who made the change.
  `
  CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    user_name   TEXT NOT NULL,
    groups      TEXT NOT NULL DEFAULT '[]',
    via         TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions (user_name);

  CREATE TABLE tokens (
    id          TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    groups      TEXT NOT NULL DEFAULT '[]', -- the owner's groups, refreshed at each sign-in
    via         TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    created_at  TEXT NOT NULL,
    expires_at  TEXT,
    last_used_at TEXT,
    revoked_at  TEXT
  );
  CREATE INDEX tokens_user ON tokens (user_name);

  ALTER TABLE activity ADD COLUMN who TEXT;
  ALTER TABLE activity ADD COLUMN who_id TEXT;
  ALTER TABLE jobs ADD COLUMN who TEXT;
  ALTER TABLE jobs ADD COLUMN who_id TEXT;
  `,
  // identities: sessions and tokens belong to a principal id that names the sign-in method
  // ('local:alice', 'oidc:<issuer>#<sub>', 'proxy:alice'), never to a bare name two methods share.
  // Old sessions cannot say which alice they were: they end (sign in again). Old tokens of config
  // users and proxy users keep working; old OIDC tokens (no subject recorded) are revoked.
  // `identities` keeps the name and groups of each OIDC/proxy user's latest sign-in, which their
  // tokens follow; `sign_in_throttle` counts password attempts per bucket across processes.
  `
  DELETE FROM sessions;
  ALTER TABLE sessions ADD COLUMN principal_id TEXT NOT NULL DEFAULT '';
  CREATE INDEX sessions_principal ON sessions (principal_id);

  ALTER TABLE tokens ADD COLUMN owner_id TEXT NOT NULL DEFAULT '';
  UPDATE tokens SET owner_id = 'local:' || user_name WHERE via = 'password';
  UPDATE tokens SET owner_id = 'proxy:' || user_name WHERE via = 'proxy';
  UPDATE tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE owner_id = '' AND revoked_at IS NULL;
  CREATE INDEX tokens_owner ON tokens (owner_id);

  CREATE TABLE identities (
    principal_id TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    via          TEXT NOT NULL,
    groups       TEXT NOT NULL DEFAULT '[]',
    seen_at      TEXT NOT NULL
  );

  CREATE TABLE sign_in_throttle (
    key          TEXT PRIMARY KEY,     -- 'pair:<name>|<address>', 'name:<name>', 'addr:<address>', 'all'
    window_start INTEGER NOT NULL,     -- ms since the epoch
    count        INTEGER NOT NULL
  );
  CREATE INDEX sign_in_throttle_start ON sign_in_throttle (window_start);
  `,
  // registry-input: a registry decides how long its listings are, so scans read them within caps
  // and record where they stopped (the catalog, a repository's tags) and how many names they left
  // out for being outside the distribution grammar.
  `
  ALTER TABLE coverage_scans ADD COLUMN catalog_truncated INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE coverage_scans ADD COLUMN catalog_dropped INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE coverage_repos ADD COLUMN tags_truncated INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE coverage_repos ADD COLUMN tags_dropped INTEGER NOT NULL DEFAULT 0;
  `,
  // authz-owner: a draft belongs to the principal who made it (their id as given, never parsed) and
  // may be shared with one group; drafts from before have no owner and only admins may touch them.
  // A job stores the resources it acts on (Resource[] JSON, actions included) so reading or
  // retrying it is checked against them; jobs from before have none and are admins' only.
  `
  ALTER TABLE drafts ADD COLUMN owner_id TEXT;
  ALTER TABLE drafts ADD COLUMN owner_name TEXT;
  ALTER TABLE drafts ADD COLUMN shared_with TEXT;
  CREATE INDEX drafts_owner ON drafts (owner_id);
  ALTER TABLE jobs ADD COLUMN resources TEXT;
  `,
  // events: registry events as received (deduplicated by the sender's id), the tag changes they and
  // the reconcile check found, and leases for work one process must do at a time.
  `
  CREATE TABLE event_inbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT NOT NULL,           -- 'distribution'
    registry    TEXT NOT NULL,
    event_id    TEXT NOT NULL,           -- the sender's id: a redelivery is the same row
    payload     TEXT NOT NULL,           -- the normalised event JSON (lib/events)
    received_at TEXT NOT NULL,
    claimed_by  TEXT,
    claimed_at  TEXT,
    processed_at TEXT,
    error       TEXT,
    UNIQUE (source, registry, event_id)
  );
  CREATE INDEX event_inbox_pending ON event_inbox (processed_at, id);

  CREATE TABLE tag_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    registry    TEXT NOT NULL,
    repository  TEXT NOT NULL,
    tag         TEXT NOT NULL,
    digest      TEXT,                    -- null: the tag was deleted
    media_type  TEXT,
    platforms   TEXT,                    -- JSON [{ platform, digest }] of a list; null for an image
    time        TEXT NOT NULL,           -- when the registry says it happened (or the check saw it)
    via         TEXT NOT NULL CHECK (via IN ('event', 'check')),
    actor       TEXT,                    -- the event's actor.name
    inbox_id    INTEGER REFERENCES event_inbox (id)
  );
  CREATE INDEX tag_changes_tag ON tag_changes (registry, repository, tag, time);
  CREATE INDEX tag_changes_digest ON tag_changes (registry, repository, digest);

  CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL         -- ms since the epoch
  );
  `,
  // events: required-platform rules and drift: each violation a tag change showed.
  `
  CREATE TABLE violations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    registry    TEXT NOT NULL,
    repository  TEXT NOT NULL,
    tag         TEXT NOT NULL,
    digest      TEXT NOT NULL,
    rule        TEXT,                    -- the rule's name; null: drift (a platform the tag lost)
    missing     TEXT NOT NULL,           -- JSON ["linux/arm64"]
    time        TEXT NOT NULL,
    via         TEXT NOT NULL,           -- 'event' | 'check'
    actor       TEXT,
    UNIQUE (registry, repository, tag, digest, rule)
  );
  CREATE INDEX violations_tag ON violations (registry, repository, tag, time);
  `,
  // ops: the request that started a job, so its log lines and registry requests carry the same id.
  `
  ALTER TABLE jobs ADD COLUMN request_id TEXT;
  `,
];

/** Returns the schema version just before the migration containing `sql` ran (tests); throws when none does. */
export function versionBefore(sql: string): number {
  const i = MIGRATIONS.findIndex((m) => m.includes(sql));
  if (i < 0) throw new Error(`No migration contains ${sql}`);
  return i;
}

/**
 * Brings the database schema up to date (or up to version `upTo`, for tests of one migration)
 * inside one transaction per migration; throws on SQL errors.
 */
export function migrate(db: Database.Database, upTo = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < upTo; version++) {
    const sql = MIGRATIONS[version]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
