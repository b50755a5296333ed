import { createDraft, listDrafts } from '@/lib/drafts';
import { createDraftSchema } from '@/lib/drafts/schemas';
import { serverDraftDeps } from '@/lib/drafts/server';
import { FILTERED, json, OWN, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/drafts: every draft, most recently changed first. */
export const GET = route({ resources: FILTERED, role: 'viewer' }, () =>
  json({ drafts: listDrafts() }),
);

/** POST /api/drafts `{ name, format?, from? }`: a new draft, empty or from an existing list (201). */
export const POST = route(
  { body: createDraftSchema, resources: OWN, role: 'editor' },
  async ({ body, signal }) => {
    const input = {
      name: body.name,
      ...(body.format ? { format: body.format } : {}),
      ...(body.from ? { from: body.from } : {}),
    };
    return respond(await createDraft(serverDraftDeps(signal), input), 201);
  },
);
