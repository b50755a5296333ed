import 'server-only';

import { getRegistryClient } from '@/lib/server/registry';

import type { EventsDeps } from './platforms';

/** Returns the events feature's dependencies on the server: the shared registry client. */
export function serverEventsDeps(): EventsDeps {
  return { client: getRegistryClient() };
}
