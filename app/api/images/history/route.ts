import { imageResources, tagHistory } from '@/lib/actions';
import { historyQuerySchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/images/history?registry=&repository=&tag=&limit=: the tag's changes made through
 * Manifold (newest first), what it holds now, and which earlier digests still exist.
 */
export const GET = route(
  {
    query: historyQuerySchema,
    resources: ({ query }) => imageResources(query, 'pull'),
  },
  async ({ query: { limit, ...rest }, signal }) =>
    respond(await tagHistory(serverActionDeps(signal), { ...rest, ...(limit ? { limit } : {}) })),
);
