import { addToDraft } from '@/lib/drafts';
import { addEntrySchema, draftParamsSchema } from '@/lib/drafts/schemas';
import { draftSourceResources } from '@/lib/drafts/resources';
import { defaultDraftRegistry, serverDraftDeps } from '@/lib/drafts/server';
import { OWN, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/drafts/[id]/entries `{ reference, platforms?, platform?, annotations?, replace? }`:
 * adds an image (platform from its config) or the chosen entries of a list (all by default).
 */
export const POST = route(
  { params: draftParamsSchema, body: addEntrySchema, resources: OWN, role: 'editor' },
  async ({ params, body: d, signal, access }) => {
    // The image added is read from its registry: a view of its repository is needed too.
    access.require(draftSourceResources(d.reference, defaultDraftRegistry()));
    return respond(
      await addToDraft(serverDraftDeps(signal), params.id, {
        reference: d.reference,
        ...(d.platforms ? { platforms: d.platforms } : {}),
        ...(d.platform ? { platform: d.platform } : {}),
        ...(d.annotations ? { annotations: d.annotations } : {}),
        ...(d.replace !== undefined ? { replace: d.replace } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
      }),
      201,
    );
  },
);
