/** Manifold's SQLite store (`<dataDir>/manifold.db`): drafts, jobs, the activity log and coverage scans. */
export { closeDb, getDb, openDb, BUSY_TIMEOUT_MS, DB_FILE_NAME, type Db } from './db';
export { storeHealth, type StoreHealth } from './readiness';
export {
  deleteDraft,
  duplicateDraft,
  getDraft,
  insertDraft,
  listDrafts,
  setDraftBasedOn,
  setDraftDestinations,
  updateDraft,
  type DraftBasedOn,
  type DraftPatch,
  type DraftSummary,
  type NewDraft,
  type StoredDraft,
} from './drafts';
export {
  listActivity,
  recordActivity,
  recordTagWrite,
  type ActivityAction,
  type ActivityQuery,
  type ActivityRecord,
  type NewActivity,
  type TagWrite,
} from './activity';
export {
  findActiveJobRecord,
  getJobRecord,
  insertJob,
  listJobRecords,
  markOrphanedJobsInterrupted,
  updateJobRecord,
  type JobError,
  type JobPatch,
  type JobProgress,
  type JobQuery,
  type JobRecord,
  type JobResource,
  type JobStatus,
  type JobStep,
  type JobStepStatus,
} from './jobs';
export {
  getCoverageScan,
  getDigestCoverage,
  insertCoverageScan,
  listCoverageScans,
  putDigestCoverage,
  saveCoverageRepo,
  scannedRepositories,
  updateCoverageScan,
  type CoverageRepoRecord,
  type CoverageScanRecord,
  type CoverageTag,
} from './coverage';
export {
  coverageRepositoryNames,
  coverageTotals,
  iterateCoverageRepos,
  queryCoverageRepos,
  type CoverageFilter,
  type CoveragePlatformTotal,
  type CoverageTotals,
  type RepositorySet,
} from './coverage-query';
export {
  lockOrder,
  releaseOrphanedTagLocks,
  releaseTagLock,
  storeTagLocker,
  tagLockHolder,
  tryAcquireTagLock,
  withTagLocks,
  type TagLockOptions,
} from './tag-locks';
export { currentActor, withActor, type Actor } from './actor';
export {
  deleteSession,
  deleteSessionsOf,
  findIdentity,
  findSession,
  insertSession,
  listIdentities,
  liveSessionCounts,
  purgeExpiredSessions,
  recordIdentity,
  type SignInMethod,
  type StoredIdentity,
  type StoredSession,
} from './sessions';
export {
  insertToken,
  listTokens,
  liveTokenCounts,
  revokeToken,
  revokeTokensOf,
  findLiveToken,
  type TokenInfo,
  type TokenOwner,
} from './tokens';
export {
  bucketCount,
  hitBuckets,
  settleBuckets,
  type Bucket,
  type BucketVerdict,
} from './sign-in-throttle';
export {
  claimDataDir,
  openStoreAtStart,
  releaseDataDir,
  LOCK_FILE_NAME,
  MIN_FREE_BYTES,
} from './health';
export { storeCodeOf, type StoreCode } from './store-error';
export {
  insertTagChange,
  knownTags,
  lastChangedTimes,
  listTagChanges,
  tagsHolding,
  type KnownTag,
  type NewTagChange,
  type PlatformEntry,
  type TagChangeRecord,
} from './tag-changes';
export {
  claimInboxEvent,
  countInboxEvents,
  finishInboxEvent,
  storeInboxEvents,
  type InboxEvent,
} from './event-inbox';
export { releaseLease, tryLease } from './leases';
export { listViolations, recordViolation, type ViolationRecord } from './violations';
