import { createDraft, listDrafts } from '@/lib/drafts';
import { createDraftSchema } from '@/lib/drafts/schemas';
import { draftSourceResources } from '@/lib/drafts/resources';
import { draftCaller, serverDraftDeps } from '@/lib/drafts/server';
import { readerOf } from '@/lib/auth/reader';
import { FILTERED, json, OWN, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/drafts: the drafts the caller may see (own, shared with their group, all for admins), most recently changed first. */
export const GET = route({ resources: FILTERED, role: 'viewer' }, ({ principal }) =>
  json({ drafts: listDrafts(readerOf(principal)) }),
);

/** POST /api/drafts `{ name, format?, from?, sharedWith?, destinations? }`: a new draft owned by the caller, empty or from an existing list (201). */
export const POST = route(
  { body: createDraftSchema, resources: OWN, role: 'editor' },
  async ({ body, signal, principal }) => {
    const caller = draftCaller(principal);
    // Starting from a list reads it: pull on its repository, checked before the registry is asked.
    if (body.from?.trim()) caller.require(draftSourceResources(body.from, caller.defaultRegistry));
    const input = {
      name: body.name,
      reader: caller.reader,
      ...(body.format ? { format: body.format } : {}),
      ...(body.from ? { from: body.from } : {}),
      ...(body.sharedWith ? { sharedWith: body.sharedWith } : {}),
      ...(body.destinations ? { destinations: body.destinations } : {}),
    };
    return respond(await createDraft(serverDraftDeps(signal), input), 201);
  },
);
