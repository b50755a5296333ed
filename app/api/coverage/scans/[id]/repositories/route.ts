import { z } from 'zod';

import { readerOf } from '@/lib/auth/reader';
import {
  coverageFilterSchema,
  scanIdParams,
  visibleRepositories,
  visibleScan,
} from '@/lib/coverage';
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
  ({ params, query: { after, limit, ...filter }, principal }) => {
    const reader = readerOf(principal);
    // Only repositories the reader may pull are listed and counted.
    const only = visibleRepositories(visibleScan(params.id, reader), reader);
    const page = queryCoverageRepos(
      params.id,
      filter,
      { limit, ...(after ? { after } : {}) },
      only,
    );
    const last = page.repositories.at(-1);
    const next = page.repositories.length === limit && last ? last.repository : undefined;
    return json({ ...page, ...(next ? { next } : {}) });
  },
);
