import { createDraft, listDrafts } from '@/lib/drafts';
import { createDraftSchema } from '@/lib/drafts/schemas';
import { draftSourceResources } from '@/lib/drafts/resources';
import { defaultDraftRegistry, serverDraftDeps } from '@/lib/drafts/server';
import { FILTERED, json, OWN, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/drafts: every draft, most recently changed first. */
export const GET = route({ resources: FILTERED, role: 'viewer' }, () =>
  json({ drafts: listDrafts() }),
);

/** POST /api/drafts `{ name, format?, from?, destinations? }`: a new draft, empty or from an existing list (201). */
export const POST = route(
  { body: createDraftSchema, resources: OWN, role: 'editor' },
  async ({ body, signal, access }) => {
    // A draft made from a list reads it: a view of its repository is needed too.
    if (body.from) access.require(draftSourceResources(body.from, defaultDraftRegistry()));
    const input = {
      name: body.name,
      ...(body.format ? { format: body.format } : {}),
      ...(body.from ? { from: body.from } : {}),
      ...(body.destinations ? { destinations: body.destinations } : {}),
    };
    return respond(await createDraft(serverDraftDeps(signal), input), 201);
  },
);
