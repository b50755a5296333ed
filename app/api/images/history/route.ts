import type { NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';

import { tagHistory } from '@/lib/actions';
import { historyQuerySchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, respond } from '@/lib/drafts/http';
import { badRequest } from '@/lib/server/api-error';

export const dynamic = 'force-dynamic';

/**
 * GET /api/images/history?registry=&repository=&tag=&limit=: the tag's changes made through
 * Manifold (newest first), what it holds now, and which earlier digests still exist.
 */
export async function GET(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const q = req.nextUrl.searchParams;
    const input = historyQuerySchema.safeParse({
      registry: q.get('registry') ?? '',
      repository: q.get('repository') ?? '',
      tag: q.get('tag') ?? '',
      limit: q.get('limit') ?? undefined,
    });
    if (!input.success)
      return badRequest('Invalid history request', z.flattenError(input.error).fieldErrors);
    const { limit, ...rest } = input.data;
    return respond(
      await tagHistory(serverActionDeps(req.signal), { ...rest, ...(limit ? { limit } : {}) }),
    );
  });
}
