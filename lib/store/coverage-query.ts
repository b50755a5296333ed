import { getDb } from './db';
import { toCoverageRepo, type CoverageRepoRecord } from './coverage';

/** Filters of the coverage report; all given ones must hold. Platforms are `os/arch[/variant]`. */
export interface CoverageFilter {
  /** Some scanned tag lacks this platform (repositories without tags or with errors are left out). */
  missing?: string;
  /** Some scanned tag has this platform. */
  has?: string;
  /** Every platform found in the repository is this one. */
  only?: string;
  /** Repository name contains this text. */
  q?: string;
}

export interface CoveragePlatformTotal {
  platform: string;
  /** Repositories where at least one scanned tag has it. */
  repositories: number;
  /** Repositories where every scanned tag has it. */
  complete: number;
  /** Scanned tags that have it. */
  tags: number;
}

export interface CoverageTotals {
  repositories: number;
  /** Repositories with at least one scanned tag and no error. */
  withTags: number;
  errors: number;
  tags: number;
  broken: number;
  platforms: CoveragePlatformTotal[];
}

const PLATFORM_ROW = `SELECT 1 FROM coverage_platforms p WHERE p.scan_id = r.scan_id AND p.repository = r.repository`;

/** Repository names a reader may see; undefined: all of them (no restriction). */
export type RepositorySet = readonly string[] | undefined;

function where(
  scanId: string,
  filter: CoverageFilter,
  only?: RepositorySet,
): { sql: string; args: unknown[] } {
  const parts = ['r.scan_id = ?'];
  const args: unknown[] = [scanId];
  if (only !== undefined) {
    // One JSON parameter, not one placeholder per name: SQLite caps the number of parameters.
    parts.push('r.repository IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(only));
  }
  if (filter.missing) {
    parts.push(
      `r.error IS NULL AND r.tag_count > 0 AND COALESCE((SELECT p.tags_with FROM coverage_platforms p
        WHERE p.scan_id = r.scan_id AND p.repository = r.repository AND p.platform = ?), 0) < r.tag_count`,
    );
    args.push(filter.missing);
  }
  if (filter.has) {
    parts.push(`EXISTS (${PLATFORM_ROW} AND p.platform = ?)`);
    args.push(filter.has);
  }
  if (filter.only) {
    parts.push(
      `EXISTS (${PLATFORM_ROW} AND p.platform = ?) AND NOT EXISTS (${PLATFORM_ROW} AND p.platform <> ?)`,
    );
    args.push(filter.only, filter.only);
  }
  if (filter.q) {
    parts.push(`r.repository LIKE ? ESCAPE '\\'`);
    args.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return { sql: parts.join(' AND '), args };
}

/**
 * Returns one page of matching repositories in name order, after the `after` repository; and the
 * count of all matches. With `only`, repositories outside it are neither listed nor counted.
 */
export function queryCoverageRepos(
  scanId: string,
  filter: CoverageFilter,
  page: { after?: string; limit: number },
  only?: RepositorySet,
): { repositories: CoverageRepoRecord[]; total: number } {
  const w = where(scanId, filter, only);
  const db = getDb();
  const rows = db
    .prepare(
      `SELECT r.* FROM coverage_repos r WHERE ${w.sql} AND r.repository > ? ORDER BY r.repository LIMIT ?`,
    )
    .all(...w.args, page.after ?? '', page.limit) as Parameters<typeof toCoverageRepo>[0][];
  const total = (
    db.prepare(`SELECT COUNT(*) AS n FROM coverage_repos r WHERE ${w.sql}`).get(...w.args) as {
      n: number;
    }
  ).n;
  return { repositories: rows.map(toCoverageRepo), total };
}

/**
 * Yields every matching repository in name order, read 200 at a time (for exports: memory stays
 * flat, and no statement stays open between reads while a running scan writes).
 */
export function* iterateCoverageRepos(
  scanId: string,
  filter: CoverageFilter,
  only?: RepositorySet,
): Generator<CoverageRepoRecord> {
  const w = where(scanId, filter, only);
  const stmt = getDb().prepare(
    `SELECT r.* FROM coverage_repos r WHERE ${w.sql} AND r.repository > ? ORDER BY r.repository LIMIT 200`,
  );
  let after = '';
  for (;;) {
    const rows = stmt.all(...w.args, after) as Parameters<typeof toCoverageRepo>[0][];
    for (const row of rows) yield toCoverageRepo(row);
    const last = rows.at(-1);
    if (!last || rows.length < 200) return;
    after = last.repository;
  }
}

/** Returns the names of every repository a scan stored, in name order. */
export function coverageRepositoryNames(scanId: string): string[] {
  return (
    getDb()
      .prepare('SELECT repository FROM coverage_repos WHERE scan_id = ? ORDER BY repository')
      .all(scanId) as { repository: string }[]
  ).map((r) => r.repository);
}

/**
 * Returns the totals of a scan: repositories, tags, broken children, and per platform; with
 * `only`, computed over those repositories alone.
 */
export function coverageTotals(scanId: string, only?: RepositorySet): CoverageTotals {
  const db = getDb();
  const w = where(scanId, {}, only);
  const head = db
    .prepare(
      `SELECT COUNT(*) AS repositories,
        COALESCE(SUM(r.error IS NULL AND r.tag_count > 0), 0) AS withTags,
        COALESCE(SUM(r.error IS NOT NULL), 0) AS errors,
        COALESCE(SUM(r.tag_count), 0) AS tags,
        COALESCE(SUM(r.broken), 0) AS broken
       FROM coverage_repos r WHERE ${w.sql}`,
    )
    .get(...w.args) as Omit<CoverageTotals, 'platforms'>;
  const platforms = db
    .prepare(
      `SELECT p.platform AS platform, COUNT(*) AS repositories,
        SUM(p.tags_with = r.tag_count) AS complete, SUM(p.tags_with) AS tags
       FROM coverage_platforms p
       JOIN coverage_repos r ON r.scan_id = p.scan_id AND r.repository = p.repository
       WHERE ${w.sql} GROUP BY p.platform`,
    )
    .all(...w.args) as CoveragePlatformTotal[];
  return { ...head, platforms };
}
