import { z } from 'zod';

import { coverageFilterSchema, getScan, scanIdParams } from '@/lib/coverage';
import { scanResources } from '@/lib/coverage/resources';
import { json, route } from '@/lib/http';
import { queryCoverageRepos } from '@/lib/store';

export const dynamic = 'force-dynamic';

const query = coverageFilterSchema.extend({
  after: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * GET /api/coverage/scans/[id]/repositories?missing=&has=&only=&q=&after=&limit= ->
 * { repositories, total, next? }: one page in name order; `next` is the `after` of the next page.
 */
export const GET = route(
  { params: scanIdParams, query, resources: scanResources('pull') },
  ({ params, query: { after, limit, ...filter } }) => {
    getScan(params.id);
    const page = queryCoverageRepos(params.id, filter, { limit, ...(after ? { after } : {}) });
    const last = page.repositories.at(-1);
    const next = page.repositories.length === limit && last ? last.repository : undefined;
    return json({ ...page, ...(next ? { next } : {}) });
  },
);
