import { catalogResource, repositoryResource, type Resource } from '@/lib/auth/resources';
import { registerJobKind } from '@/lib/jobs';

import { scanParamsSchema, type ScanParams } from './params';
import { COVERAGE_SCAN_JOB, createScanHandler, type ScanDeps } from './scan';

/**
 * Returns what a scan touches: it reads the registry's catalog (whole registry or a namespace) or
 * each named repository, and stores what it finds, which its start route counts as a push on the
 * catalog (so resuming or retrying it needs the same editor's grant as starting it).
 */
export function scanJobResources(p: ScanParams): Resource[] {
  const reads =
    p.scope.kind === 'repositories'
      ? p.scope.repositories.map((repository) =>
          repositoryResource({ registry: p.registry, repository }, 'pull'),
        )
      : [catalogResource(p.registry)];
  return [...reads, catalogResource(p.registry, 'push')];
}

/** Registers the 'coverage-scan' job kind with a client getter (the server's shared client, or a test's). */
export function registerCoverageScanJob(deps: ScanDeps): void {
  registerJobKind(COVERAGE_SCAN_JOB, createScanHandler(deps), {
    parseParams: (raw) => scanParamsSchema.parse(raw),
    resources: scanJobResources,
  });
}
