import 'server-only';

import { getConfig } from '@/lib/config';
import { getRegistryClient } from '@/lib/server/registry';

import type { EventsDeps } from './platforms';

/** Returns the events feature's dependencies on the server: the shared registry client, the configured rules and webhooks. */
export function serverEventsDeps(): EventsDeps {
  const { rules, webhooks } = getConfig().events;
  return { client: getRegistryClient(), policy: { rules, webhooks } };
}
