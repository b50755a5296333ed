import 'server-only';

import { getConfig } from '@/lib/config';
import { ensureJobKinds } from '@/lib/server/jobs';
import { getRegistryClient } from '@/lib/server/registry';

import type { DraftDeps } from './service';

/** Returns the registry a reference without one means in drafts: the first configured, if any. */
export function defaultDraftRegistry(): string | undefined {
  return getConfig().registries[0]?.host;
}

/** Returns the draft service's dependencies on the server: the shared client and the default registry. */
export function serverDraftDeps(signal?: AbortSignal): DraftDeps {
  ensureJobKinds();
  const defaultRegistry = defaultDraftRegistry();
  return {
    client: getRegistryClient(),
    ...(defaultRegistry ? { defaultRegistry } : {}),
    ...(signal ? { signal } : {}),
  };
}
