import { startDraftPush } from '@/lib/drafts';
import { draftParamsSchema, pushSchema } from '@/lib/drafts/schemas';
import { serverDraftDeps } from '@/lib/drafts/server';
import { referenceTarget, respond, route } from '@/lib/http';
import { requireRole } from '@/lib/auth/guard';

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
    role: ({ body }) => (body.force ? 'admin' : 'editor'),
  },
  async ({ params, body: d, principal }) => {
    // One push writes to several repositories: the role is needed on each destination.
    const role = d.force ? 'admin' : 'editor';
    for (const dest of d.destinations)
      requireRole(principal, role, referenceTarget(dest.reference));
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
