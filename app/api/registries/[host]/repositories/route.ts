import { z } from 'zod';

import { catalogResource } from '@/lib/auth/resources';
import { json, route } from '@/lib/http';
import { searchCatalog, visibleCatalogPage } from '@/lib/server/browse';
import { pageInputSchema, registryHostSchema } from '@/lib/server/browse-input';

const querySchema = pageInputSchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
});

/**
 * GET /api/registries/[host]/repositories?n=&cursor= -> `{ repositories, next?, dropped? }` (one
 * catalog page, with only the repositories the caller may pull; `dropped` counts names outside
 * the grammar). With `?q=words`: `{ repositories, search: { query, scanned, truncated, limited } }`,
 * the matching names of the whole catalog, walked on the server within the listing caps.
 */
export const GET = route(
  {
    params: z.object({ host: registryHostSchema }),
    query: querySchema,
    resources: ({ params }) => [catalogResource(params.host)],
  },
  async ({ params, query: { n, cursor, q }, signal, access }) =>
    json(
      q
        ? await searchCatalog(params.host, q, access.can, signal)
        : await visibleCatalogPage(params.host, { n, cursor, signal }, access.can),
    ),
);
