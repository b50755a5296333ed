import type { NextRequest, NextResponse } from 'next/server';

import { restoreTag } from '@/lib/actions';
import { restoreSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, readBody, respond } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/restore `{ registry, repository, tag, digest, expectedDigest, force? }`: points the
 * tag at an earlier digest again, when the repository still has that content.
 */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, restoreSchema);
    if ('response' in body) return body.response;
    const { force, ...input } = body.data;
    return respond(
      await restoreTag(serverActionDeps(req.signal), {
        ...input,
        ...(force !== undefined ? { force } : {}),
      }),
    );
  });
}
