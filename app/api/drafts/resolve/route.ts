import type { NextRequest, NextResponse } from 'next/server';

import { resolveForDraft } from '@/lib/drafts';
import { handle, respond } from '@/lib/drafts/http';
import { serverDraftDeps } from '@/lib/drafts/server';
import { badRequest } from '@/lib/server/api-error';

export const dynamic = 'force-dynamic';

/** GET /api/drafts/resolve?ref=: what a reference offers to a draft (one image, or a list's entries with platforms). */
export async function GET(req: NextRequest): Promise<NextResponse> {
  const ref = req.nextUrl.searchParams.get('ref')?.trim();
  if (!ref)
    return badRequest('ref is required, e.g. ?ref=localhost:5000/demo/shazam:latest', {
      ref: ['Type an image reference'],
    });
  return handle(async () => respond(await resolveForDraft(serverDraftDeps(req.signal), ref)));
}
