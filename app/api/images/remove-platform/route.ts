import type { NextRequest, NextResponse } from 'next/server';

import { previewRemovePlatform, removePlatform } from '@/lib/actions';
import { removePlatformSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, readBody, respond } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/remove-platform `{ registry, repository, tag, expectedDigest, platform, force?, preview? }`:
 * puts the list without that platform (and its attestations) under the same tag; with `preview`
 * only answers the new list's JSON and digest.
 */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, removePlatformSchema);
    if ('response' in body) return body.response;
    const { preview, force, ...input } = body.data;
    const deps = serverActionDeps(req.signal);
    if (preview) return respond(await previewRemovePlatform(deps, input));
    return respond(
      await removePlatform(deps, { ...input, ...(force !== undefined ? { force } : {}) }),
    );
  });
}
