import { pushResources, startDraftPush } from '@/lib/drafts';
import { draftParamsSchema, pushSchema } from '@/lib/drafts/schemas';
import { draftCaller, serverDraftDeps } from '@/lib/drafts/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/drafts/[id]/push `{ destinations: [{ reference, expectedDigest }], force?, revision?, indexDigest? }`:
 * starts a push job (202 `{ job }`) after checking the draft, its sources and the destination tags.
 * 409 CONFLICT (`details.conflicts`) when a tag moved since the preview, 409 STALE_PREVIEW when the
 * draft changed, 422 INVALID_DRAFT (`details.issues`) when it cannot be pushed.
 */
export const POST = route(
  {
    params: draftParamsSchema,
    body: pushSchema,
    // Each destination is written (overwritten when forced); every entry's source is read.
    resources: ({ params, body }, { principal }) =>
      pushResources(params.id, body.destinations, body.force, draftCaller(principal)),
  },
  async ({ params, body: d, principal }) => {
    // The job outlives the request: do not tie its registry calls to the request's signal.
    return respond(
      await startDraftPush(serverDraftDeps(undefined, draftCaller(principal)), params.id, {
        destinations: d.destinations,
        ...(d.force !== undefined ? { force: d.force } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
        ...(d.indexDigest !== undefined ? { indexDigest: d.indexDigest } : {}),
      }),
      202,
    );
  },
);
