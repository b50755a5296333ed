import {
  annotateInDraft,
  getDraftView,
  moveInDraft,
  removeFromDraft,
  type DraftView,
} from '@/lib/drafts';
import { entryDeleteQuerySchema, entryParamsSchema, patchEntrySchema } from '@/lib/drafts/schemas';
import type { Result } from '@/lib/errors';
import { OWN, respond, route } from '@/lib/http';
import type { AnnotatePatch } from '@/lib/registry';

export const dynamic = 'force-dynamic';

/** PATCH /api/drafts/[id]/entries/[digest] `{ position?, platform?, annotations? }`: move or annotate an entry. */
export const PATCH = route(
  { params: entryParamsSchema, body: patchEntrySchema, resources: OWN, role: 'editor' },
  ({ params: { id, digest }, body: d }) => {
    let result: Result<DraftView> | undefined;
    if (d.platform !== undefined || d.annotations !== undefined) {
      const patch: AnnotatePatch = {};
      if (d.platform !== undefined) patch.platform = d.platform;
      if (d.annotations !== undefined) patch.annotations = d.annotations;
      result = annotateInDraft(id, digest, patch, d.revision);
      if (!result.ok) return respond(result);
    }
    // After an annotation the revision has moved on: the move applies to that result.
    if (d.position !== undefined)
      result = moveInDraft(id, digest, d.position, result ? undefined : d.revision);
    return respond(result ?? getDraftView(id));
  },
);

/** DELETE /api/drafts/[id]/entries/[digest]?revision=: removes the entry and the attestations that describe it. */
export const DELETE = route(
  { params: entryParamsSchema, query: entryDeleteQuerySchema, resources: OWN, role: 'editor' },
  ({ params, query }) => respond(removeFromDraft(params.id, params.digest, query.revision)),
);
