import { duplicateDraft, openDraft } from '@/lib/drafts';
import { draftParamsSchema, duplicateDraftSchema } from '@/lib/drafts/schemas';
import { draftCaller } from '@/lib/drafts/server';
import { OWN, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** POST /api/drafts/[id]/duplicate `{ name? }`: a copy of a draft the caller may open, owned by the caller (201). */
export const POST = route(
  { params: draftParamsSchema, body: duplicateDraftSchema, resources: OWN, role: 'editor' },
  ({ params, body, principal }) => {
    openDraft(params.id, draftCaller(principal));
    return respond(duplicateDraft(params.id, body.name), 201);
  },
);
