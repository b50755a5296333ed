import { previewDraft, previewResources } from '@/lib/drafts';
import { draftParamsSchema, previewSchema } from '@/lib/drafts/schemas';
import { draftCaller, serverDraftDeps } from '@/lib/drafts/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/drafts/[id]/preview `{ destinations: ['registry/repo:tag', ...] }`: the exact JSON that
 * would be pushed, its digest and size, every problem (sources checked), and per destination tag
 * its current digest (send it back as expectedDigest) and a unified diff. Writes nothing.
 */
export const POST = route(
  {
    params: draftParamsSchema,
    body: previewSchema,
    // The preview reads every entry's source and what each destination tag holds now.
    resources: ({ params, body }, { principal }) =>
      previewResources(params.id, body.destinations, draftCaller(principal)),
  },
  async ({ params, body, signal, principal }) =>
    respond(
      await previewDraft(
        serverDraftDeps(signal, draftCaller(principal)),
        params.id,
        body.destinations,
      ),
    ),
);
