import {
  deleteDraft,
  getDraftView,
  openDraft,
  updateDraftSettings,
  validateDraftForPush,
} from '@/lib/drafts';
import { draftParamsSchema, draftQuerySchema, updateDraftSchema } from '@/lib/drafts/schemas';
import { draftCaller, serverDraftDeps } from '@/lib/drafts/server';
import { OWN, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/drafts/[id]: the draft with its problems; `?check=1` also HEADs every entry's source.
 * 404 DRAFT_NOT_FOUND unless the caller owns it, is in its group or is an admin; 403 when it
 * shows a repository the caller may not pull.
 */
export const GET = route(
  { params: draftParamsSchema, query: draftQuerySchema, resources: OWN, role: 'viewer' },
  async ({ params, query, signal, principal }) => {
    const caller = draftCaller(principal);
    openDraft(params.id, caller);
    return query.check === '1'
      ? respond(await validateDraftForPush(serverDraftDeps(signal, caller), params.id))
      : respond(getDraftView(params.id));
  },
);

/**
 * PATCH /api/drafts/[id] `{ name?, format?, annotations?, sharedWith?, revision? }`: rename,
 * switch format, set index annotations, share with a group (owner or admin only).
 */
export const PATCH = route(
  { params: draftParamsSchema, body: updateDraftSchema, resources: OWN, role: 'editor' },
  ({ params, body: d, principal }) => {
    const caller = draftCaller(principal);
    openDraft(params.id, caller);
    return respond(
      updateDraftSettings(params.id, {
        reader: caller.reader,
        ...(d.name !== undefined ? { name: d.name } : {}),
        ...(d.format !== undefined ? { format: d.format } : {}),
        ...(d.annotations !== undefined ? { annotations: d.annotations } : {}),
        ...(d.sharedWith !== undefined ? { sharedWith: d.sharedWith } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
      }),
    );
  },
);

/** DELETE /api/drafts/[id]: removes the draft (its push history stays in the activity log). */
export const DELETE = route(
  { params: draftParamsSchema, resources: OWN, role: 'editor' },
  ({ params, principal }) => {
    openDraft(params.id, draftCaller(principal));
    return respond(deleteDraft(params.id));
  },
);
