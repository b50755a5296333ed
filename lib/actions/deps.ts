import type { RegistryClient } from '@/lib/registry/client';

/** What the action services need: the registry client (the server's shared one, or a test's). */
export interface ActionDeps {
  client: RegistryClient;
  signal?: AbortSignal;
}

/** Returns `{ signal }` when the deps carry one, for the client's call options. */
export function callOptions(deps: ActionDeps): { signal?: AbortSignal } {
  return deps.signal ? { signal: deps.signal } : {};
}
