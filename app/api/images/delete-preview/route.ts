import type { NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';

import { previewDelete } from '@/lib/actions';
import { imageSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, respond } from '@/lib/drafts/http';
import { badRequest } from '@/lib/server/api-error';

export const dynamic = 'force-dynamic';

/**
 * GET /api/images/delete-preview?registry=&repository=&digest=: every tag on the digest (they all
 * go), the children of a list (they stay) and which are left untagged, and whether the registry
 * allows deletes (remembered per registry for 5 minutes; `&recheck=1` asks it again). Changes nothing.
 */
export async function GET(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const q = req.nextUrl.searchParams;
    const input = imageSchema.safeParse({
      registry: q.get('registry') ?? '',
      repository: q.get('repository') ?? '',
      digest: q.get('digest') ?? '',
    });
    if (!input.success)
      return badRequest('Invalid delete preview request', z.flattenError(input.error).fieldErrors);
    return respond(
      await previewDelete(serverActionDeps(req.signal), input.data, {
        recheck: q.get('recheck') === '1',
      }),
    );
  });
}
