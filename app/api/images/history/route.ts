import { imageResources, tagHistory } from '@/lib/actions';
import { historyQuerySchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { readerOf } from '@/lib/auth/reader';
import { respond, route } from '@/lib/http';
import { activityKeeper } from '@/lib/jobs';

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
  // Rows name the jobs that made them: only jobs the reader may see keep their id.
  async ({ query: { limit, ...rest }, signal, principal }) =>
    respond(
      await tagHistory(
        serverActionDeps(signal),
        { ...rest, ...(limit ? { limit } : {}) },
        activityKeeper(readerOf(principal)),
      ),
    ),
);
