import { z } from 'zod';

import { referenceResources, route } from '@/lib/http';
import { inspect, parseReference } from '@/lib/registry';
import { getContentCache, getRegistryClient } from '@/lib/server/registry';

export const dynamic = 'force-dynamic';

const query = z.object({
  ref: z
    .string({ error: 'ref is required, e.g. ?ref=localhost:5000/demo/shazam:latest' })
    .min(1, 'ref is required, e.g. ?ref=localhost:5000/demo/shazam:latest')
    .max(600),
  raw: z.enum(['0', '1', 'false', 'true']).optional(),
});

/** GET /api/inspect?ref=<reference>: the list or image with every platform's config and layers (see docs/api.md). */
export const GET = route(
  { query, resources: ({ query }) => referenceResources(query.ref) },
  async ({ query, signal, timing }) => {
    const ref = parseReference(query.ref);
    const result = await timing.measure('inspect', () =>
      inspect(getRegistryClient(), ref, { signal, cache: getContentCache() }),
    );
    const withRaw = query.raw === '1' || query.raw === 'true';
    const { raw, ...rest } = result;
    const body = timing.measureSync('serialise', () =>
      JSON.stringify(withRaw ? { ...rest, raw } : rest),
    );
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  },
);
