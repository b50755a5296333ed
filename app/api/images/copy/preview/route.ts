import type { NextRequest, NextResponse } from 'next/server';

import { previewCopy } from '@/lib/actions';
import { copyPreviewSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, readBody, respond } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/copy/preview `{ registry, repository, digest, destination, platforms? }`: what a
 * copy would put where (the destination's current digest; for a subset, the new index's JSON and digest).
 */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, copyPreviewSchema);
    if ('response' in body) return body.response;
    const { destination, platforms, ...source } = body.data;
    return respond(
      await previewCopy(serverActionDeps(req.signal), {
        source,
        destination,
        ...(platforms ? { platforms } : {}),
      }),
    );
  });
}
