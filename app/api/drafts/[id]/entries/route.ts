import { requireRole } from '@/lib/auth/guard';
import { addEntryResources, addToDraft } from '@/lib/drafts';
import { addEntrySchema, draftParamsSchema } from '@/lib/drafts/schemas';
import { draftCaller, serverDraftDeps } from '@/lib/drafts/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/drafts/[id]/entries `{ reference, platforms?, platform?, annotations?, replace? }`:
 * adds an image (platform from its config) or the chosen entries of a list (all by default).
 * Needs the editor role, membership of the draft (else 404), and pull on the reference and on
 * every repository the draft already shows.
 */
export const POST = route(
  {
    params: draftParamsSchema,
    body: addEntrySchema,
    resources: ({ params, body }, { principal }) => {
      // Changing a draft is an editor's work even when what it reads needs only pull.
      requireRole(principal, 'editor');
      return addEntryResources(params.id, body.reference, draftCaller(principal));
    },
  },
  async ({ params, body: d, signal, principal }) =>
    respond(
      await addToDraft(serverDraftDeps(signal, draftCaller(principal)), params.id, {
        reference: d.reference,
        ...(d.platforms ? { platforms: d.platforms } : {}),
        ...(d.platform ? { platform: d.platform } : {}),
        ...(d.annotations ? { annotations: d.annotations } : {}),
        ...(d.replace !== undefined ? { replace: d.replace } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
      }),
      201,
    ),
);
