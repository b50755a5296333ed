/**
 * Parsing of distribution's access log. distribution 2.8 prints one Apache combined-log line per
 * request on stdout (gorilla/handlers), next to logrus `msg="response completed"` lines on stderr:
 *   127.0.0.1 - - [29/Nov/2026:04:52:15 +0000] "GET /v2/ HTTP/1.1" 200 2 "" "curl/7.88.1"
 * Only the combined lines are read: every request gets exactly one, including 401s.
 */

export type AccessLogKind =
  'manifest' | 'blob' | 'upload' | 'tags' | 'catalog' | 'base' | 'referrers' | 'other';

export interface AccessLogEntry {
  method: string;
  /** Request path without the query string, percent-decoded. */
  path: string;
  status: number;
  /** ISO 8601 (the log has second precision). */
  time: string;
  kind: AccessLogKind;
  /** Blob digest, or manifest reference when it is a digest. */
  digest?: string;
  repository?: string;
}

const COMBINED_RE =
  /^(\S+) (\S+) (.+?) \[([^\]]+)\] "([A-Z]+) (\S+)(?: [^"]*)?" (\d{3}) (\S+)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?\s*$/;

const MONTHS: Record<string, string> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

/** Returns the ISO form of a combined-log timestamp (`29/Nov/2026:04:52:15 +0000`), or the input when it does not parse. */
export function parseLogTime(value: string): string {
  const m = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(
    value,
  );
  const month = m ? MONTHS[m[2] ?? ''] : undefined;
  if (!m || !month) return value;
  const iso = `${m[3]}-${month}-${m[1]}T${m[4]}:${m[5]}:${m[6]}${m[7]}${m[8]}:${m[9]}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const DIGEST_LIKE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Returns the kind, repository and digest of a registry request path (no query string). */
export function classifyPath(path: string): Pick<AccessLogEntry, 'kind' | 'repository' | 'digest'> {
  if (path === '/v2' || path === '/v2/') return { kind: 'base' };
  if (path === '/v2/_catalog') return { kind: 'catalog' };
  let m = /^\/v2\/(.+?)\/blobs\/uploads(?:\/.*)?$/.exec(path);
  if (m) return { kind: 'upload', repository: m[1] };
  m = /^\/v2\/(.+)\/tags\/list$/.exec(path);
  if (m) return { kind: 'tags', repository: m[1] };
  m = /^\/v2\/(.+)\/blobs\/([^/]+)$/.exec(path);
  if (m) return { kind: 'blob', repository: m[1], digest: m[2] };
  m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path);
  if (m) {
    const ref = m[2] ?? '';
    return DIGEST_LIKE.test(ref)
      ? { kind: 'manifest', repository: m[1], digest: ref }
      : { kind: 'manifest', repository: m[1] };
  }
  m = /^\/v2\/(.+)\/referrers\/([^/]+)$/.exec(path);
  if (m) return { kind: 'referrers', repository: m[1], digest: m[2] };
  return { kind: 'other' };
}

/** Returns the raw request URI (with query) of a combined-log line, or undefined for other lines. */
export function accessLogUri(line: string): string | undefined {
  return COMBINED_RE.exec(line.trim())?.[6];
}

/** Returns the entry a combined-log line describes, or undefined when the line is not one. */
export function parseAccessLogLine(line: string): AccessLogEntry | undefined {
  const m = COMBINED_RE.exec(line.trim());
  if (!m) return undefined;
  const uri = m[6] ?? '';
  const rawPath = uri.split('?')[0] ?? uri;
  // Decode per segment so an encoded '/' cannot change the shape of the path.
  const path = rawPath.split('/').map(decode).join('/');
  const entry: AccessLogEntry = {
    method: m[5] ?? '',
    path,
    status: Number(m[7]),
    time: parseLogTime(m[4] ?? ''),
    ...classifyPath(path),
  };
  if (entry.repository === undefined) delete entry.repository;
  if (entry.digest === undefined) delete entry.digest;
  return entry;
}

/** Returns the entries of every combined-log line in `text` (other lines are skipped). */
export function parseAccessLog(text: string | readonly string[]): AccessLogEntry[] {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text;
  const entries: AccessLogEntry[] = [];
  for (const line of lines) {
    const entry = parseAccessLogLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** Returns the GET requests for blobs (downloads), whatever their status. */
export function blobGets(entries: readonly AccessLogEntry[]): AccessLogEntry[] {
  return entries.filter((e) => e.kind === 'blob' && e.method === 'GET');
}

export type AccessLogFilter = Partial<
  Pick<AccessLogEntry, 'method' | 'kind' | 'repository' | 'digest' | 'status'>
>;

/** Returns how many entries match every field given in `filter` (all entries when it is empty). */
export function countRequests(
  entries: readonly AccessLogEntry[],
  filter: AccessLogFilter = {},
): number {
  const keys = Object.keys(filter) as (keyof AccessLogFilter)[];
  return entries.filter((e) => keys.every((k) => filter[k] === undefined || e[k] === filter[k]))
    .length;
}

/** Returns request counts keyed `METHOD kind` (e.g. `GET blob`, `PUT manifest`), for readable assertions. */
export function requestSummary(entries: readonly AccessLogEntry[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const e of entries) {
    const key = `${e.method} ${e.kind}`;
    summary[key] = (summary[key] ?? 0) + 1;
  }
  return summary;
}
