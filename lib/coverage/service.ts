import {
  cancelJob,
  getJob,
  retryJob,
  startJob,
  type Job,
  type JobError,
  type JobStatus,
} from '@/lib/jobs';
import type { Reader } from '@/lib/auth/visibility';
import { AppError } from '@/lib/registry';
import {
  coverageTotals,
  getCoverageScan,
  insertCoverageScan,
  listCoverageScans,
  type CoveragePlatformTotal,
  type CoverageScanRecord,
  type CoverageTotals,
} from '@/lib/store';

import { scanParamsSchema, type ScanParams, type ScanParamsInput } from './params';
import { sortPlatformNames } from './resolve';
import { COVERAGE_SCAN_JOB, type ScanResult } from './scan';
import { canSeeScan, visibleRepositories, visibleScan } from './visible';

/** A scan as the API and the page show it: its counters, its job's state, and (on request) its totals. */
export interface ScanView extends Omit<CoverageScanRecord, 'params'> {
  params: ScanParams;
  status: JobStatus | 'unknown';
  message?: string;
  error?: JobError;
  result?: ScanResult;
}

/** Returns the job subject of the scans of a registry. */
export function scanSubject(registry: string): string {
  return `coverage:${registry}`;
}

function toView(scan: CoverageScanRecord, job: Job | undefined): ScanView {
  return {
    ...scan,
    params: scan.params as ScanParams,
    status: job?.status ?? 'unknown',
    ...(job?.progress.message ? { message: job.progress.message } : {}),
    ...(job?.error ? { error: job.error } : {}),
    ...(job?.result ? { result: job.result as ScanResult } : {}),
  };
}

/** Returns the new scan (queued). Throws VALIDATION-like zod errors for bad params, UNSUPPORTED when the job kind is not registered. */
export function startScan(input: ScanParamsInput): ScanView {
  const params = scanParamsSchema.parse(input);
  const job = startJob(COVERAGE_SCAN_JOB, params, { subject: scanSubject(params.registry) });
  insertCoverageScan({ id: job.id, registry: params.registry, params });
  return toView(getCoverageScan(job.id)!, job);
}

/** Returns the scan; throws NOT_FOUND when there is none with that id. */
export function getScan(id: string): ScanView {
  const scan = getCoverageScan(id);
  if (!scan) throw new AppError('NOT_FOUND', `There is no coverage scan ${id}`);
  return toView(scan, getJob(id));
}

/** Returns the scans the reader may see, newest first (of one registry when given). */
export function listScans(reader: Reader, registry?: string, limit = 20): ScanView[] {
  // Filtered after the limit would leave a reader short: read more, keep `limit` visible ones.
  return listCoverageScans({ ...(registry ? { registry } : {}), limit: limit * 10 })
    .filter((s) => canSeeScan(reader, s))
    .slice(0, limit)
    .map((s) => toView(s, getJob(s.id)));
}

/** Returns the scan queued again: it skips the repositories it already stored. Throws like retryJob (NOT_FOUND, CONFLICT when it finished). */
export function resumeScan(id: string): ScanView {
  getScan(id);
  retryJob(id);
  return getScan(id);
}

/** Returns the scan after asking it to stop (it keeps what it stored, and can be resumed). Throws NOT_FOUND. */
export function cancelScan(id: string): ScanView {
  getScan(id);
  cancelJob(id);
  return getScan(id);
}

/** Totals with platforms in display order, and for each the change since `previous` (same platform, complete repositories). */
export interface ScanTotals extends CoverageTotals {
  platforms: (CoveragePlatformTotal & {
    previous?: { repositories: number; complete: number; withTags: number };
  })[];
  previous?: { id: string; createdAt: string; withTags: number };
}

/**
 * Returns the totals of a scan over the repositories the reader may pull, compared with another
 * scan (over the same rule) when `compareWith` is given. Throws NOT_FOUND for either scan unknown
 * or not visible to the reader.
 */
export function scanTotals(id: string, reader: Reader, compareWith?: string): ScanTotals {
  const current = coverageTotals(id, visibleRepositories(visibleScan(id, reader), reader));
  const beforeScan = compareWith ? visibleScan(compareWith, reader) : undefined;
  const before = beforeScan ? getScan(beforeScan.id) : undefined;
  const old = beforeScan
    ? coverageTotals(beforeScan.id, visibleRepositories(beforeScan, reader))
    : undefined;
  const oldByName = new Map(old?.platforms.map((p) => [p.platform, p]));
  const names = sortPlatformNames([
    ...current.platforms.map((p) => p.platform),
    ...(old?.platforms.map((p) => p.platform) ?? []),
  ]);
  const byName = new Map(current.platforms.map((p) => [p.platform, p]));
  return {
    ...current,
    platforms: names.map((platform) => {
      const now = byName.get(platform) ?? { platform, repositories: 0, complete: 0, tags: 0 };
      const was = oldByName.get(platform);
      return old
        ? {
            ...now,
            previous: {
              repositories: was?.repositories ?? 0,
              complete: was?.complete ?? 0,
              withTags: old.withTags,
            },
          }
        : now;
    }),
    ...(before && old
      ? { previous: { id: before.id, createdAt: before.createdAt, withTags: old.withTags } }
      : {}),
  };
}
