import { z } from 'zod';

import { catalogResource } from '@/lib/auth/resources';
import { json, route } from '@/lib/http';
import { visibleCatalogPage } from '@/lib/server/browse';
import { pageInputSchema, registryHostSchema } from '@/lib/server/browse-input';

/**
 * GET /api/registries/[host]/repositories?n=&cursor= -> `{ repositories, next? }` (one catalog
 * page, with only the repositories the caller may pull).
 */
export const GET = route(
  {
    params: z.object({ host: registryHostSchema }),
    query: pageInputSchema,
    resources: ({ params }) => [catalogResource(params.host)],
  },
  async ({ params, query: { n, cursor }, signal, access }) =>
    json(await visibleCatalogPage(params.host, { n, cursor, signal }, access.can)),
);
