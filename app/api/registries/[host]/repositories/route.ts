import { z } from 'zod';

import { catalogResource } from '@/lib/auth/resources';
import { json, route } from '@/lib/http';
import { pageInputSchema, registryHostSchema } from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

/** GET /api/registries/[host]/repositories?n=&cursor= -> `{ repositories, next? }` (one catalog page). */
export const GET = route(
  {
    params: z.object({ host: registryHostSchema }),
    query: pageInputSchema,
    resources: ({ params }) => [catalogResource(params.host)],
  },
  async ({ params, query: { n, cursor }, signal }) => {
    const page = await getRegistryClient().listRepositories(params.host, { n, cursor, signal });
    return json({
      repositories: page.repositories,
      ...(page.next ? { next: page.next } : {}),
    });
  },
);
