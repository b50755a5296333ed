import { duplicateDraft } from '@/lib/drafts';
import { draftParamsSchema, duplicateDraftSchema } from '@/lib/drafts/schemas';
import { OWN, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** POST /api/drafts/[id]/duplicate `{ name? }`: a copy of the draft (201). */
export const POST = route(
  { params: draftParamsSchema, body: duplicateDraftSchema, resources: OWN, role: 'editor' },
  ({ params, body }) => respond(duplicateDraft(params.id, body.name), 201),
);
