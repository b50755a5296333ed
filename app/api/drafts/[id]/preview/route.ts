import { previewDraft } from '@/lib/drafts';
import { draftParamsSchema, previewSchema } from '@/lib/drafts/schemas';
import { draftDestinationResources, draftEntrySourceResources } from '@/lib/drafts/resources';
import { defaultDraftRegistry, serverDraftDeps } from '@/lib/drafts/server';
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
    // The preview reads what each destination tag holds now, and checks every entry's source.
    resources: ({ params, body }) => [
      ...draftDestinationResources(body.destinations, 'pull', defaultDraftRegistry()),
      ...draftEntrySourceResources(params.id),
    ],
  },
  async ({ params, body, signal }) =>
    respond(await previewDraft(serverDraftDeps(signal), params.id, body.destinations)),
);
