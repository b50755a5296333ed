import { deleteDraft, getDraftView, updateDraftSettings, validateDraftForPush } from '@/lib/drafts';
import { draftParamsSchema, draftQuerySchema, updateDraftSchema } from '@/lib/drafts/schemas';
import { serverDraftDeps } from '@/lib/drafts/server';
import { OWN, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/drafts/[id]: the draft with its problems; `?check=1` also HEADs every entry's source. */
export const GET = route(
  { params: draftParamsSchema, query: draftQuerySchema, resources: OWN, role: 'viewer' },
  async ({ params, query, signal }) =>
    query.check === '1'
      ? respond(await validateDraftForPush(serverDraftDeps(signal), params.id))
      : respond(getDraftView(params.id)),
);

/** PATCH /api/drafts/[id] `{ name?, format?, annotations?, revision? }`: rename, switch format, set index annotations. */
export const PATCH = route(
  { params: draftParamsSchema, body: updateDraftSchema, resources: OWN, role: 'editor' },
  ({ params, body: d }) =>
    respond(
      updateDraftSettings(params.id, {
        ...(d.name !== undefined ? { name: d.name } : {}),
        ...(d.format !== undefined ? { format: d.format } : {}),
        ...(d.annotations !== undefined ? { annotations: d.annotations } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
      }),
    ),
);

/** DELETE /api/drafts/[id]: removes the draft (its push history stays in the activity log). */
export const DELETE = route(
  { params: draftParamsSchema, resources: OWN, role: 'editor' },
  ({ params }) => respond(deleteDraft(params.id)),
);
