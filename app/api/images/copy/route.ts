import type { NextRequest, NextResponse } from 'next/server';

import { startCopy } from '@/lib/actions';
import { copySchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, readBody, respond } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/copy `{ registry, repository, digest, destination, platforms?, expectedDigest, indexDigest?, force? }`:
 * starts a 'copy' job (202 `{ job, preview }`); poll GET /api/jobs/[id].
 */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, copySchema);
    if ('response' in body) return body.response;
    const { destination, platforms, expectedDigest, indexDigest, force, ...source } = body.data;
    const input = {
      source,
      destination,
      expectedDigest,
      ...(platforms ? { platforms } : {}),
      ...(indexDigest ? { indexDigest } : {}),
      ...(force !== undefined ? { force } : {}),
    };
    return respond(await startCopy(serverActionDeps(req.signal), input), 202);
  });
}
