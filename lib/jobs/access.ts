import { activityRowFor, jobVisibleTo, type Reader } from '@/lib/auth/visibility';
import { AppError } from '@/lib/errors';
import { getJobRecord, type JobRecord, type JobResource } from '@/lib/store';

import { state, view, type Job } from './state';

/**
 * Who may see and retry a job: whoever may pull everything it touches sees it, whoever may do
 * each of its actions again retries it (docs/security.md, "Drafts and jobs").
 */

/**
 * Returns what a job touches: the resources stored with it, or for a job stored before they were,
 * what its kind says of its params; null when neither can tell (then only admins see it).
 */
export function jobResources(
  record: Pick<JobRecord, 'kind' | 'params' | 'resources'>,
): JobResource[] | null {
  if (record.resources) return record.resources;
  const entry = state().kinds.get(record.kind);
  if (!entry?.resources) return null;
  try {
    return entry.resources(entry.parseParams ? entry.parseParams(record.params) : record.params);
  } catch {
    return null;
  }
}

/** Returns true when the reader may see the job (see jobVisibleTo). */
export function canSeeJob(
  reader: Reader,
  record: Pick<JobRecord, 'kind' | 'params' | 'resources'>,
): boolean {
  return jobVisibleTo(reader, jobResources(record));
}

function notFound(id: string): AppError {
  return new AppError('JOB_NOT_FOUND', `There is no job ${id}`);
}

/**
 * Returns the job when the reader may see it; throws JOB_NOT_FOUND for an unknown id and for a
 * job they may not see alike, so job ids are not confirmed to whom they do not answer.
 */
export function visibleJob(id: string, reader: Reader): Job {
  const record = getJobRecord(id);
  if (!record || !canSeeJob(reader, record)) throw notFound(id);
  return view(record);
}

/**
 * Returns what retrying the job does, with each action (a forced write is an overwrite), for the
 * retry route's check; throws JOB_NOT_FOUND when the reader may not see it, and FORBIDDEN when
 * nothing can be named (a job only an admin sees: an empty list is refused by the door).
 */
export function retryResources(id: string, reader: Reader): JobResource[] {
  const record = getJobRecord(id);
  if (!record || !canSeeJob(reader, record)) throw notFound(id);
  const resources = jobResources(record);
  if (!resources || resources.length === 0)
    throw new AppError(
      'FORBIDDEN',
      'This job does not say what it acts on, so it cannot be retried.',
    );
  return resources;
}

/** Returns the jobs the reader may see, in the given order. */
export function visibleJobs<J extends Pick<JobRecord, 'kind' | 'params' | 'resources'>>(
  reader: Reader,
  jobs: readonly J[],
): J[] {
  return jobs.filter((j) => canSeeJob(reader, j));
}

/**
 * Returns the filter of activity rows for the reader (see activityRowFor): rows of repositories
 * they may not pull are dropped, job ids of jobs they may not see are blanked. Jobs are read once.
 */
export function activityKeeper(
  reader: Reader,
): <T extends { registry: string; repository: string; jobId: string | null }>(
  row: T,
) => T | undefined {
  const known = new Map<string, JobResource[] | null>();
  const resourcesOf = (jobId: string) => {
    if (!known.has(jobId)) {
      const record = getJobRecord(jobId);
      known.set(jobId, record ? jobResources(record) : null);
    }
    return known.get(jobId) ?? null;
  };
  return (row) => activityRowFor(reader, row, resourcesOf);
}
