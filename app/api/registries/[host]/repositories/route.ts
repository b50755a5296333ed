import { z } from 'zod';

import { json, route } from '@/lib/http';
import { pageInputSchema, registryHostSchema } from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

/** GET /api/registries/[host]/repositories?n=&cursor= -> `{ repositories, next?, dropped? }` (one catalog page; `dropped` counts names outside the grammar). */
export const GET = route(
  {
    params: z.object({ host: registryHostSchema }),
    query: pageInputSchema,
    role: 'viewer',
    target: ({ params }) => ({ registry: params.host }),
  },
  async ({ params, query: { n, cursor }, signal }) => {
    const page = await getRegistryClient().listRepositories(params.host, { n, cursor, signal });
    return json({
      repositories: page.repositories,
      ...(page.next ? { next: page.next } : {}),
      ...(page.dropped ? { dropped: page.dropped } : {}),
    });
  },
);
