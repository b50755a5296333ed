import { deleteImage, imageResources } from '@/lib/actions';
import { deleteSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/delete `{ registry, repository, digest, seenTags?, force? }`: deletes the
 * manifest by digest (every tag on it goes; a list's children stay), verified with a HEAD.
 */
export const POST = route(
  {
    body: deleteSchema,
    resources: ({ body }) => imageResources(body, 'delete'),
  },
  async ({ body, signal }) => {
    const { seenTags, force, ...source } = body;
    return respond(
      await deleteImage(serverActionDeps(signal), {
        ...source,
        ...(seenTags ? { seenTags } : {}),
        ...(force !== undefined ? { force } : {}),
      }),
    );
  },
);
