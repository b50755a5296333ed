/** Registry-wide platform coverage: scans as jobs, results in the store, reports read in pages. */
export { describeScope, describeTagRule } from './describe';
export {
  scanParamsSchema,
  scanScopeSchema,
  tagRuleSchema,
  DEFAULT_SCAN_CONCURRENCY,
  MAX_SCAN_CONCURRENCY,
  type ScanParams,
  type ScanParamsInput,
  type ScanScope,
  type TagRule,
} from './params';
export { COVERAGE_SCAN_JOB, type ScanResult } from './scan';
export { registerCoverageScanJob } from './job';
export { estimateScan, type ScanEstimate } from './estimate';
export {
  cancelScan,
  getScan,
  listScans,
  resumeScan,
  scanTotals,
  startScan,
  type ScanTotals,
  type ScanView,
} from './service';
export { platformName, sortPlatformNames, type BrokenChild, type DigestCoverage } from './resolve';
export { coverageFilterSchema } from './filter';
export { csvHeader, csvLines } from './export';
export { scanIdParams } from './http';
