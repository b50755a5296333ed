import { copyResources, previewCopy } from '@/lib/actions';
import { copyPreviewSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/copy/preview `{ registry, repository, digest, destination, platforms? }`: what a
 * copy would put where (the destination's current digest; for a subset, the new index's JSON and digest).
 */
export const POST = route(
  {
    body: copyPreviewSchema,
    // A preview reads the destination tag too: a view of it is needed as well as of the source.
    resources: ({ body: { registry, repository, digest, destination } }) =>
      copyResources({ source: { registry, repository, digest }, destination, write: false }),
  },
  async ({ body, signal }) => {
    const { destination, platforms, ...source } = body;
    return respond(
      await previewCopy(serverActionDeps(signal), {
        source,
        destination,
        ...(platforms ? { platforms } : {}),
      }),
    );
  },
);
