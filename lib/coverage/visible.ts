import { canPull, type Reader } from '@/lib/auth/visibility';
import { canSeeJob } from '@/lib/jobs';
import { AppError } from '@/lib/registry';
import {
  coverageRepositoryNames,
  getCoverageScan,
  getJobRecord,
  type CoverageScanRecord,
  type RepositorySet,
} from '@/lib/store';

/**
 * What of a coverage scan a reader sees: the scan itself when they may see its job, and of its
 * rows only the repositories they may pull (docs/security.md, "Lists").
 */

/**
 * Returns the repositories of the scan the reader may pull; undefined (no restriction) only for
 * an admin. Read at the time of the call: a repository a running scan adds later is not in it.
 */
export function visibleRepositories(scan: CoverageScanRecord, reader: Reader): RepositorySet {
  if (reader.admin) return undefined;
  return coverageRepositoryNames(scan.id).filter((name) => canPull(reader, scan.registry, name));
}

/** Returns true when the reader may see the scan (they may see its job). */
export function canSeeScan(reader: Reader, scanId: string): boolean {
  const job = getJobRecord(scanId);
  return job !== undefined && canSeeJob(reader, job);
}

/** Returns the stored scan when the reader may see it; throws NOT_FOUND otherwise, as for an unknown id. */
export function visibleScan(id: string, reader: Reader): CoverageScanRecord {
  const scan = getCoverageScan(id);
  if (!scan || !canSeeScan(reader, id))
    throw new AppError('NOT_FOUND', `There is no coverage scan ${id}`);
  return scan;
}
