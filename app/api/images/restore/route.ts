import { imageResources, restoreTag } from '@/lib/actions';
import { restoreSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/restore `{ registry, repository, tag, digest, expectedDigest, force? }`: points the
 * tag at an earlier digest again, when the repository still has that content.
 */
export const POST = route(
  {
    body: restoreSchema,
    resources: ({ body }) => imageResources(body, 'delete'),
  },
  async ({ body: { force, ...input }, signal }) =>
    respond(
      await restoreTag(serverActionDeps(signal), {
        ...input,
        ...(force !== undefined ? { force } : {}),
      }),
    ),
);
