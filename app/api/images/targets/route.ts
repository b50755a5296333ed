import type { NextRequest, NextResponse } from 'next/server';

import { checkTargets } from '@/lib/actions';
import { checkTargetsSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { ok } from '@/lib/drafts/result';

export const dynamic = 'force-dynamic';

/** POST /api/images/targets `{ registry, repository, digest, references }`: what each tag the user typed holds now. */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, checkTargetsSchema);
    if ('response' in body) return body.response;
    const { references, ...source } = body.data;
    const result = await checkTargets(serverActionDeps(req.signal), source, references);
    return respond(result.ok ? ok({ targets: result.value }) : result);
  });
}
