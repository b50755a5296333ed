import { imageResources, previewRemovePlatform, removePlatform } from '@/lib/actions';
import { removePlatformSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/remove-platform `{ registry, repository, tag, expectedDigest, platform, force?, preview? }`:
 * puts the list without that platform (and its attestations) under the same tag; with `preview`
 * only answers the new list's JSON and digest.
 */
export const POST = route(
  {
    body: removePlatformSchema,
    // The preview writes nothing: a viewer may see what removing would do.
    resources: ({ body }) => imageResources(body, body.preview ? 'pull' : 'delete'),
  },
  async ({ body, signal }) => {
    const { preview, force, ...input } = body;
    const deps = serverActionDeps(signal);
    if (preview) return respond(await previewRemovePlatform(deps, input));
    return respond(
      await removePlatform(deps, { ...input, ...(force !== undefined ? { force } : {}) }),
    );
  },
);
