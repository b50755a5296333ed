import 'server-only';

import { COPY_JOB, RETAG_JOB, registerActionJobKinds } from '@/lib/actions/jobs';
import { COVERAGE_SCAN_JOB, registerCoverageScanJob } from '@/lib/coverage';
import { PUSH_DRAFT_JOB, registerPushDraftJob } from '@/lib/drafts/push';
import { isJobKindRegistered } from '@/lib/jobs';
import { getContentCache, getRegistryClient } from '@/lib/server/registry';

/**
 * Registers every job kind of the app (push-draft, retag, copy, coverage-scan) with the server's shared registry
 * client; the generic runner in lib/jobs knows none of them. Routes that read, start or retry jobs
 * call this first: a kind must be known before a retry after a restart can run it. New kinds are
 * added here.
 */
export function ensureJobKinds(): void {
  if (!isJobKindRegistered(PUSH_DRAFT_JOB))
    registerPushDraftJob(getRegistryClient, getContentCache);
  if (!isJobKindRegistered(RETAG_JOB) || !isJobKindRegistered(COPY_JOB))
    registerActionJobKinds(getRegistryClient, getContentCache);
  if (!isJobKindRegistered(COVERAGE_SCAN_JOB))
    registerCoverageScanJob({ getClient: getRegistryClient, getCache: getContentCache });
}
