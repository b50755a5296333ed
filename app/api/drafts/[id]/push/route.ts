import type { NextRequest, NextResponse } from 'next/server';

import { startDraftPush } from '@/lib/drafts';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { pushSchema } from '@/lib/drafts/schemas';
import { serverDraftDeps } from '@/lib/drafts/server';

export const dynamic = 'force-dynamic';

/**
 * POST /api/drafts/[id]/push `{ destinations: [{ reference, expectedDigest }], force?, revision?, indexDigest? }`:
 * starts a push job (202 `{ job }`) after checking the draft, its sources and the destination tags.
 * 409 CONFLICT (`details.conflicts`) when a tag moved since the preview, 409 STALE_PREVIEW when the
 * draft changed, 422 INVALID_DRAFT (`details.issues`) when it cannot be pushed.
 */
export async function POST(
  req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(async () => {
    const body = await readBody(req, pushSchema);
    if ('response' in body) return body.response;
    const d = body.data;
    // The job outlives the request: do not tie its registry calls to the request's signal.
    return respond(
      await startDraftPush(serverDraftDeps(), id, {
        destinations: d.destinations,
        ...(d.force !== undefined ? { force: d.force } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
        ...(d.indexDigest !== undefined ? { indexDigest: d.indexDigest } : {}),
      }),
      202,
    );
  });
}
