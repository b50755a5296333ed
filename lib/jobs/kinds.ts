import 'server-only';

import { COPY_JOB, RETAG_JOB, registerActionJobKinds } from '@/lib/actions/jobs';
import { PUSH_DRAFT_JOB, registerPushDraftJob } from '@/lib/drafts/push';
import { getRegistryClient } from '@/lib/server/registry';

import { isJobKindRegistered } from './runner';

/**
 * Registers every job kind of the app with the server's shared registry client. Route handlers
 * that start or retry jobs call this first: a job kind must be known before a retry after a
 * restart can run it (`POST /api/jobs/[id]/retry` works for any kind). New kinds are added here.
 */
export function ensureJobKinds(): void {
  if (!isJobKindRegistered(PUSH_DRAFT_JOB)) registerPushDraftJob(getRegistryClient);
  if (!isJobKindRegistered(RETAG_JOB) || !isJobKindRegistered(COPY_JOB))
    registerActionJobKinds(getRegistryClient);
}
