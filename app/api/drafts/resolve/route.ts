import { resolveForDraft } from '@/lib/drafts';
import { resolveQuerySchema } from '@/lib/drafts/schemas';
import { draftSourceResources } from '@/lib/drafts/resources';
import { defaultDraftRegistry, serverDraftDeps } from '@/lib/drafts/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/drafts/resolve?ref=: what a reference offers to a draft (one image, or a list's entries with platforms). */
export const GET = route(
  {
    query: resolveQuerySchema,
    resources: ({ query }) => draftSourceResources(query.ref, defaultDraftRegistry()),
  },
  async ({ query, signal }) => respond(await resolveForDraft(serverDraftDeps(signal), query.ref)),
);
