import 'server-only';

import { ensureJobKinds } from '@/lib/jobs/kinds';
import { isJobKindRegistered } from '@/lib/jobs';
import { getRegistryClient } from '@/lib/server/registry';

import type { ActionDeps } from './deps';
import { COPY_JOB, RETAG_JOB, registerActionJobKinds } from './jobs';

/** Registers the 'retag' and 'copy' job kinds with the server's shared client (once). */
export function ensureActionJobKinds(): void {
  ensureJobKinds();
  if (!isJobKindRegistered(RETAG_JOB) || !isJobKindRegistered(COPY_JOB))
    registerActionJobKinds(getRegistryClient);
}

/** Returns the action services' dependencies on the server: the shared client, with the job kinds registered. */
export function serverActionDeps(signal?: AbortSignal): ActionDeps {
  ensureActionJobKinds();
  return { client: getRegistryClient(), ...(signal ? { signal } : {}) };
}
