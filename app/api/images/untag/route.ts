import { imageResources, untagImage } from '@/lib/actions';
import { untagSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/untag `{ registry, repository, tag, expectedDigest, force?, allowPlaceholder? }`:
 * removes one tag and keeps the manifest (DELETE by tag, or regctl's placeholder method when allowed).
 */
export const POST = route(
  {
    body: untagSchema,
    resources: ({ body }) => imageResources(body, 'delete'),
  },
  async ({ body: { force, allowPlaceholder, ...rest }, signal }) =>
    respond(
      await untagImage(serverActionDeps(signal), {
        ...rest,
        ...(force !== undefined ? { force } : {}),
        ...(allowPlaceholder !== undefined ? { allowPlaceholder } : {}),
      }),
    ),
);
