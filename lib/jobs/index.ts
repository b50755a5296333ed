/** Resumable server-side jobs persisted in SQLite; see runner.ts. */
export {
  cancelJob,
  getJob,
  jobsStopping,
  isJobKindRegistered,
  latestJob,
  listJobs,
  recoverInterruptedJobs,
  registerJobKind,
  resumeJobsForTests,
  retryJob,
  startJob,
  stopJobs,
  subscribeJob,
  toJobError,
  waitForJob,
  type Job,
  type JobContext,
  type JobHandler,
  type JobKindOptions,
  type JobListener,
  type ProgressReporter,
} from './runner';
export { currentJobId, noteJobWait, type JobWait } from './scope';
export { MAX_WATCH_MS, watchJob, type WatchOptions } from './watch';
export type { JobError, JobProgress, JobStatus, JobStep, JobStepStatus } from '@/lib/store';
export {
  activityKeeper,
  canSeeJob,
  jobResources,
  retryResources,
  visibleJob,
  visibleJobs,
} from './access';
