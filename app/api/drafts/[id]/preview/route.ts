import type { NextRequest, NextResponse } from 'next/server';

import { previewDraft } from '@/lib/drafts';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { previewSchema } from '@/lib/drafts/schemas';
import { serverDraftDeps } from '@/lib/drafts/server';

export const dynamic = 'force-dynamic';

/**
 * POST /api/drafts/[id]/preview `{ destinations: ['registry/repo:tag', ...] }`: the exact JSON that
 * would be pushed, its digest and size, every problem (sources checked), and per destination tag
 * its current digest (send it back as expectedDigest) and a unified diff. Writes nothing.
 */
export async function POST(
  req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(async () => {
    const body = await readBody(req, previewSchema);
    if ('response' in body) return body.response;
    return respond(await previewDraft(serverDraftDeps(req.signal), id, body.data.destinations));
  });
}
