import type { NextRequest, NextResponse } from 'next/server';

import { untagImage } from '@/lib/actions';
import { untagSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, readBody, respond } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/untag `{ registry, repository, tag, expectedDigest, force?, allowPlaceholder? }`:
 * removes one tag and keeps the manifest (DELETE by tag, or regctl's placeholder method when allowed).
 */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, untagSchema);
    if ('response' in body) return body.response;
    const { force, allowPlaceholder, ...rest } = body.data;
    return respond(
      await untagImage(serverActionDeps(req.signal), {
        ...rest,
        ...(force !== undefined ? { force } : {}),
        ...(allowPlaceholder !== undefined ? { allowPlaceholder } : {}),
      }),
    );
  });
}
