import { canPull, jobVisibleTo, type Reader } from '@/lib/auth/visibility';
import { AppError } from '@/lib/registry';
import {
  coverageRepositoryNames,
  getCoverageScan,
  getJobRecord,
  type CoverageScanRecord,
  type RepositorySet,
} from '@/lib/store';

import { scanJobResources } from './job';
import { scanParamsSchema } from './params';

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

/**
 * Returns true when the reader may see the scan: they may pull everything its job reads (as
 * stored with the job, or for a scan without one, what its params say).
 */
export function canSeeScan(reader: Reader, scan: CoverageScanRecord): boolean {
  const stored = getJobRecord(scan.id)?.resources;
  if (stored) return jobVisibleTo(reader, stored);
  const params = scanParamsSchema.safeParse(scan.params);
  return params.success && jobVisibleTo(reader, scanJobResources(params.data));
}

/** Returns the stored scan when the reader may see it; throws NOT_FOUND otherwise, as for an unknown id. */
export function visibleScan(id: string, reader: Reader): CoverageScanRecord {
  const scan = getCoverageScan(id);
  if (!scan || !canSeeScan(reader, scan))
    throw new AppError('NOT_FOUND', `There is no coverage scan ${id}`);
  return scan;
}
