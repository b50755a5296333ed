import { z } from 'zod';

import { json, referenceResources, route } from '@/lib/http';
import { summarize } from '@/lib/browse/tag-summary';
import { inspect, parseReference } from '@/lib/registry';
import { getContentCache, getRegistryClient } from '@/lib/server/registry';

const query = z.object({
  ref: z
    .string({ error: 'ref is required: registry/repository:tag' })
    .min(1, 'ref is required: registry/repository:tag')
    .max(1024),
});

/** GET /api/summary?ref=registry/repository:tag -> TagSummary (kind, platforms, digest, size, created). */
export const GET = route(
  { query, resources: ({ query }) => referenceResources(query.ref) },
  async ({ query, signal }) => {
    const ref = parseReference(query.ref);
    // Content by digest is cached: re-listing a repository costs one HEAD per tag.
    const result = await inspect(getRegistryClient(), ref, { signal, cache: getContentCache() });
    return json(summarize(result));
  },
);
