import type { NextRequest, NextResponse } from 'next/server';

import { deleteImage } from '@/lib/actions';
import { deleteSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, readBody, respond } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/delete `{ registry, repository, digest, seenTags?, force? }`: deletes the
 * manifest by digest (every tag on it goes; a list's children stay), verified with a HEAD.
 */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, deleteSchema);
    if ('response' in body) return body.response;
    const { seenTags, force, ...source } = body.data;
    return respond(
      await deleteImage(serverActionDeps(req.signal), {
        ...source,
        ...(seenTags ? { seenTags } : {}),
        ...(force !== undefined ? { force } : {}),
      }),
    );
  });
}
