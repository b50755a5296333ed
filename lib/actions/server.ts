import 'server-only';

import { ensureJobKinds } from '@/lib/server/jobs';
import { getRegistryClient } from '@/lib/server/registry';

import type { ActionDeps } from './deps';

/** Returns the action services' dependencies on the server: the shared client, with the job kinds registered. */
export function serverActionDeps(signal?: AbortSignal): ActionDeps {
  ensureJobKinds();
  return { client: getRegistryClient(), ...(signal ? { signal } : {}) };
}
