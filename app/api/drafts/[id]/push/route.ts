import { startDraftPush } from '@/lib/drafts';
import { draftParamsSchema, pushSchema } from '@/lib/drafts/schemas';
import { writeAction } from '@/lib/auth/resources';
import { draftDestinationResources, draftEntrySourceResources } from '@/lib/drafts/resources';
import { defaultDraftRegistry, serverDraftDeps } from '@/lib/drafts/server';
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
    // One push writes to several repositories (each destination, as the push resolves it) and
    // copies from every repository the draft's entries come from.
    resources: ({ params, body }) => [
      ...draftDestinationResources(
        body.destinations.map((x) => x.reference),
        writeAction(body.force),
        defaultDraftRegistry(),
      ),
      ...draftEntrySourceResources(params.id),
    ],
  },
  async ({ params, body: d }) => {
    // The job outlives the request: do not tie its registry calls to the request's signal.
    return respond(
      await startDraftPush(serverDraftDeps(), params.id, {
        destinations: d.destinations,
        ...(d.force !== undefined ? { force: d.force } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
        ...(d.indexDigest !== undefined ? { indexDigest: d.indexDigest } : {}),
      }),
      202,
    );
  },
);
