import { imageResources, previewDelete } from '@/lib/actions';
import { deletePreviewQuerySchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/images/delete-preview?registry=&repository=&digest=: every tag on the digest (they all
 * go), the children of a list (they stay) and which are left untagged, and whether the registry
 * allows deletes (remembered per registry for 5 minutes; `&recheck=1` asks it again). Changes nothing.
 */
export const GET = route(
  {
    query: deletePreviewQuerySchema,
    resources: ({ query }) => imageResources(query, 'pull'),
  },
  async ({ query: { recheck, ...image }, signal }) =>
    respond(await previewDelete(serverActionDeps(signal), image, { recheck: recheck === '1' })),
);
