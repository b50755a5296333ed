import 'server-only';

import { accessOf, type Principal } from '@/lib/auth/guard';
import { readerOf } from '@/lib/auth/reader';
import { getConfig } from '@/lib/config';
import { ensureJobKinds } from '@/lib/server/jobs';
import { getRegistryClient } from '@/lib/server/registry';

import type { DraftCaller } from './access';
import type { DraftDeps } from './service';

/** Returns the registry a reference without one means in drafts: the first configured, if any. */
export function defaultDraftRegistry(): string | undefined {
  return getConfig().registries[0]?.host;
}

/**
 * Returns the draft service's dependencies on the server: the shared client and the default
 * registry; with a caller, their check runs again on the draft as read before its sources are asked.
 */
export function serverDraftDeps(signal?: AbortSignal, caller?: DraftCaller): DraftDeps {
  ensureJobKinds();
  const defaultRegistry = defaultDraftRegistry();
  return {
    client: getRegistryClient(),
    ...(defaultRegistry ? { defaultRegistry } : {}),
    ...(signal ? { signal } : {}),
    ...(caller ? { require: caller.require } : {}),
  };
}

/** Returns the caller of a drafts route or page: who reads, their checks, the default registry. */
export function draftCaller(principal: Principal): DraftCaller {
  const defaultRegistry = defaultDraftRegistry();
  const access = accessOf(principal);
  return {
    reader: readerOf(principal),
    require: (resources) => access.require(resources),
    ...(defaultRegistry ? { defaultRegistry } : {}),
  };
}
