import type { NextRequest, NextResponse } from 'next/server';

import { addToDraft } from '@/lib/drafts';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { addEntrySchema } from '@/lib/drafts/schemas';
import { serverDraftDeps } from '@/lib/drafts/server';

export const dynamic = 'force-dynamic';

/**
 * POST /api/drafts/[id]/entries `{ reference, platforms?, platform?, annotations?, replace? }`:
 * adds an image (platform from its config) or the chosen entries of a list (all by default).
 */
export async function POST(
  req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(async () => {
    const body = await readBody(req, addEntrySchema);
    if ('response' in body) return body.response;
    const d = body.data;
    return respond(
      await addToDraft(serverDraftDeps(req.signal), id, {
        reference: d.reference,
        ...(d.platforms ? { platforms: d.platforms } : {}),
        ...(d.platform ? { platform: d.platform } : {}),
        ...(d.annotations ? { annotations: d.annotations } : {}),
        ...(d.replace !== undefined ? { replace: d.replace } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
      }),
      201,
    );
  });
}
