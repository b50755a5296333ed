import type { RegistryClient } from '@/lib/registry';

import type { DeleteSupportCache } from './delete-support-cache';

/** What the action services need: the registry client (the server's shared one, or a test's). */
export interface ActionDeps {
  client: RegistryClient;
  signal?: AbortSignal;
  /** Where delete-support probes are remembered (default: one cache per process, 5 minutes per registry). */
  deleteSupportCache?: DeleteSupportCache;
}

/** Returns `{ signal }` when the deps carry one, for the client's call options. */
export function callOptions(deps: ActionDeps): { signal?: AbortSignal } {
  return deps.signal ? { signal: deps.signal } : {};
}
