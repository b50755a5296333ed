import { getDb, nowIso, parseJsonColumn } from './db';

/** One scanned tag of a repository. */
export interface CoverageTag {
  tag: string;
  digest: string;
  kind: 'index' | 'image' | 'artifact';
  platforms: string[];
  broken: { platform: string; digest: string; code: string }[];
  created?: string;
}

/** What a scan found in one repository. */
export interface CoverageRepoRecord {
  repository: string;
  tagCount: number;
  tags: CoverageTag[];
  /** Children that could not be read, over all its tags. */
  broken: number;
  error: { code: string; message: string } | null;
  /** True when the registry lists more tags than the scan read (the listing caps). */
  tagsTruncated?: boolean;
  /** Tag names outside the tag grammar that the scan left out. */
  tagsDropped?: number;
  scannedAt: string;
}

export interface CoverageScanRecord {
  id: string;
  registry: string;
  params: unknown;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** True once every repository in scope is known (the catalog was read to its end). */
  catalogDone: boolean;
  /** True when the catalog lists more repositories than the scan read (the listing caps). */
  catalogTruncated: boolean;
  /** Repository names outside the grammar that the scan left out. */
  catalogDropped: number;
  repositoriesSeen: number;
  repositoriesDone: number;
  tags: number;
  requests: number;
}

interface ScanRow {
  id: string;
  registry: string;
  params: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  catalog_done: number;
  catalog_truncated: number;
  catalog_dropped: number;
  repositories_seen: number;
  requests: number;
  done: number | null;
  tags: number | null;
}

interface RepoRow {
  repository: string;
  tag_count: number;
  tags: string;
  broken: number;
  error: string | null;
  tags_truncated: number;
  tags_dropped: number;
  scanned_at: string;
}

const SCAN_SELECT = `SELECT s.*,
  (SELECT COUNT(*) FROM coverage_repos r WHERE r.scan_id = s.id) AS done,
  (SELECT SUM(tag_count) FROM coverage_repos r WHERE r.scan_id = s.id) AS tags
  FROM coverage_scans s`;

function toScan(row: ScanRow): CoverageScanRecord {
  return {
    id: row.id,
    registry: row.registry,
    params: parseJsonColumn<unknown>(row.params, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    catalogDone: row.catalog_done === 1,
    catalogTruncated: row.catalog_truncated === 1,
    catalogDropped: row.catalog_dropped,
    repositoriesSeen: row.repositories_seen,
    repositoriesDone: row.done ?? 0,
    tags: row.tags ?? 0,
    requests: row.requests,
  };
}

/** Returns the repository record a row holds. */
export function toCoverageRepo(row: RepoRow): CoverageRepoRecord {
  return {
    repository: row.repository,
    tagCount: row.tag_count,
    tags: parseJsonColumn<CoverageTag[]>(row.tags, []),
    broken: row.broken,
    error: parseJsonColumn<CoverageRepoRecord['error']>(row.error, null),
    ...(row.tags_truncated === 1 ? { tagsTruncated: true } : {}),
    ...(row.tags_dropped > 0 ? { tagsDropped: row.tags_dropped } : {}),
    scannedAt: row.scanned_at,
  };
}

/** Stores a new scan (its id is its job's); throws when the id exists. */
export function insertCoverageScan(scan: { id: string; registry: string; params: unknown }): void {
  const now = nowIso();
  getDb()
    .prepare(
      `INSERT INTO coverage_scans (id, registry, params, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
    )
    .run(scan.id, scan.registry, JSON.stringify(scan.params), now, now);
}

/** Changes the counters of a scan; `requests` is added to the stored count. */
export function updateCoverageScan(
  id: string,
  patch: {
    catalogDone?: boolean;
    catalogTruncated?: boolean;
    /** Dropped so far in this walk of the catalog (a resumed scan walks it again: the larger count stays). */
    catalogDropped?: number;
    repositoriesSeen?: number;
    requests?: number;
    finished?: boolean;
  },
): void {
  getDb()
    .prepare(
      `UPDATE coverage_scans SET
        catalog_done = COALESCE(?, catalog_done),
        catalog_truncated = COALESCE(?, catalog_truncated),
        catalog_dropped = MAX(catalog_dropped, ?),
        repositories_seen = MAX(repositories_seen, COALESCE(?, 0)),
        requests = requests + ?,
        finished_at = CASE WHEN ? = 1 THEN ? ELSE finished_at END,
        updated_at = ?
      WHERE id = ?`,
    )
    .run(
      patch.catalogDone === undefined ? null : Number(patch.catalogDone),
      patch.catalogTruncated === undefined ? null : Number(patch.catalogTruncated),
      patch.catalogDropped ?? 0,
      patch.repositoriesSeen ?? null,
      patch.requests ?? 0,
      patch.finished ? 1 : 0,
      nowIso(),
      nowIso(),
      id,
    );
}

/** Returns the scan, or undefined. */
export function getCoverageScan(id: string): CoverageScanRecord | undefined {
  const row = getDb().prepare(`${SCAN_SELECT} WHERE s.id = ?`).get(id) as ScanRow | undefined;
  return row ? toScan(row) : undefined;
}

/** Returns the scans, newest first (of one registry when given). */
export function listCoverageScans(
  query: { registry?: string; limit?: number } = {},
): CoverageScanRecord[] {
  const rows = (
    query.registry === undefined
      ? getDb()
          .prepare(`${SCAN_SELECT} ORDER BY s.created_at DESC LIMIT ?`)
          .all(query.limit ?? 50)
      : getDb()
          .prepare(`${SCAN_SELECT} WHERE s.registry = ? ORDER BY s.created_at DESC LIMIT ?`)
          .all(query.registry, query.limit ?? 50)
  ) as ScanRow[];
  return rows.map(toScan);
}

/** Returns which of the repositories the scan has already stored (what a resumed scan skips). */
export function scannedRepositories(scanId: string, repositories: readonly string[]): Set<string> {
  if (repositories.length === 0) return new Set();
  const stmt = getDb().prepare(
    `SELECT repository FROM coverage_repos WHERE scan_id = ? AND repository IN (SELECT value FROM json_each(?))`,
  );
  const rows = stmt.all(scanId, JSON.stringify(repositories)) as { repository: string }[];
  return new Set(rows.map((r) => r.repository));
}

/** Stores (or replaces) one repository's result and its per-platform tag counts, in one transaction. */
export function saveCoverageRepo(
  scanId: string,
  repo: Omit<CoverageRepoRecord, 'scannedAt'>,
): void {
  const db = getDb();
  const counts = new Map<string, number>();
  for (const t of repo.tags)
    for (const p of new Set(t.platforms)) counts.set(p, (counts.get(p) ?? 0) + 1);
  db.transaction(() => {
    db.prepare(`DELETE FROM coverage_repos WHERE scan_id = ? AND repository = ?`).run(
      scanId,
      repo.repository,
    );
    db.prepare(
      `INSERT INTO coverage_repos (scan_id, repository, tag_count, tags, broken, error, tags_truncated, tags_dropped, scanned_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      scanId,
      repo.repository,
      repo.tagCount,
      JSON.stringify(repo.tags),
      repo.broken,
      repo.error ? JSON.stringify(repo.error) : null,
      repo.tagsTruncated ? 1 : 0,
      repo.tagsDropped ?? 0,
      nowIso(),
    );
    const insert = db.prepare(
      `INSERT INTO coverage_platforms (scan_id, repository, platform, tags_with) VALUES (?, ?, ?, ?)`,
    );
    for (const [platform, n] of counts) insert.run(scanId, repo.repository, platform, n);
  })();
}

/** Returns the stored result (JSON value) for a manifest digest in a repository, or undefined. */
export function getDigestCoverage<T>(
  registry: string,
  repository: string,
  digest: string,
): T | undefined {
  const row = getDb()
    .prepare(
      `SELECT result FROM coverage_digests WHERE registry = ? AND repository = ? AND digest = ?`,
    )
    .get(registry, repository, digest) as { result: string } | undefined;
  return row ? parseJsonColumn<T | undefined>(row.result, undefined) : undefined;
}

/** Stores what a manifest digest runs on (content by digest never changes, so it is kept). */
export function putDigestCoverage(
  registry: string,
  repository: string,
  digest: string,
  result: unknown,
): void {
  getDb()
    .prepare(
      `INSERT OR REPLACE INTO coverage_digests (registry, repository, digest, result, created_at) VALUES (?, ?, ?, ?, ?)`,
    )
    .run(registry, repository, digest, JSON.stringify(result), nowIso());
}
