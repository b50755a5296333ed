import { registerJobKind } from '@/lib/jobs';

import { scanParamsSchema } from './params';
import { COVERAGE_SCAN_JOB, createScanHandler, type ScanDeps } from './scan';

/** Registers the 'coverage-scan' job kind with a client getter (the server's shared client, or a test's). */
export function registerCoverageScanJob(deps: ScanDeps): void {
  registerJobKind(COVERAGE_SCAN_JOB, createScanHandler(deps), {
    parseParams: (raw) => scanParamsSchema.parse(raw),
  });
}
