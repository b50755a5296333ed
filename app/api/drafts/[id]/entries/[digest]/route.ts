import type { NextRequest, NextResponse } from 'next/server';

import {
  annotateInDraft,
  getDraftView,
  moveInDraft,
  removeFromDraft,
  type DraftView,
  type Result,
} from '@/lib/drafts';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { patchEntrySchema } from '@/lib/drafts/schemas';
import type { AnnotatePatch } from '@/lib/registry/index/edit';
import { safeDecode } from '@/lib/paths';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string; digest: string }> };

/** PATCH /api/drafts/[id]/entries/[digest] `{ position?, platform?, annotations? }`: move or annotate an entry. */
export async function PATCH(req: NextRequest, { params }: Ctx): Promise<NextResponse> {
  const { id, digest: encoded } = await params;
  const digest = safeDecode(encoded);
  return handle(async () => {
    const body = await readBody(req, patchEntrySchema);
    if ('response' in body) return body.response;
    const d = body.data;
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
  });
}

/** DELETE /api/drafts/[id]/entries/[digest]: removes the entry and the attestations that describe it. */
export async function DELETE(req: NextRequest, { params }: Ctx): Promise<NextResponse> {
  const { id, digest } = await params;
  const revision = Number(req.nextUrl.searchParams.get('revision')) || undefined;
  return handle(() => respond(removeFromDraft(id, safeDecode(digest), revision)));
}
