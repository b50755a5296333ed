import type { CoverageRepoRecord } from '@/lib/store';

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) or whose leading control character
 * hides one: a repository named `=HYPERLINK(...)` is data from a registry, never a formula.
 */
const FORMULA_START = /^[=+\-@\u0000-\u001f\u007f]/;

/**
 * Returns a CSV field, quoted when it holds a comma, quote or line break (RFC 4180); text starting
 * like a formula gets a leading `'` so spreadsheets show it as text. Numbers are written as they are.
 */
export function csvField(value: string | number): string {
  const s = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Returns the CSV header: one column per platform, after the tag's identity. */
export function csvHeader(platforms: readonly string[]): string {
  return ['repository', 'tag', 'digest', 'kind', ...platforms, 'other_platforms', 'broken', 'error']
    .map(csvField)
    .join(',');
}

/**
 * Returns the CSV lines of one repository: a line per scanned tag with `yes` under each platform
 * it has and `broken` where a child claiming it could not be read; one line with the error (or
 * nothing scanned) otherwise.
 */
export function csvLines(repo: CoverageRepoRecord, platforms: readonly string[]): string[] {
  const known = new Set(platforms);
  if (repo.tags.length === 0) {
    const blank = platforms.map(() => '');
    return [
      [
        repo.repository,
        '',
        '',
        '',
        ...blank,
        '',
        '',
        repo.error ? `${repo.error.code}: ${repo.error.message}` : 'no tags scanned',
      ]
        .map(csvField)
        .join(','),
    ];
  }
  return repo.tags.map((t) => {
    const has = new Set(t.platforms);
    const broken = new Set(t.broken.map((b) => b.platform));
    const cells = platforms.map((p) => (has.has(p) ? 'yes' : broken.has(p) ? 'broken' : ''));
    const other = t.platforms.filter((p) => !known.has(p)).join(' ');
    const brokenText = t.broken.map((b) => `${b.platform} ${b.digest} ${b.code}`).join('; ');
    return [repo.repository, t.tag, t.digest, t.kind, ...cells, other, brokenText, '']
      .map(csvField)
      .join(',');
  });
}
