import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

import { coverageFilterSchema, filterInput, getScan } from '@/lib/coverage';
import { handle } from '@/lib/drafts/http';
import { badRequest } from '@/lib/server/api-error';
import { firstIssue } from '@/lib/server/browse-input';
import { queryCoverageRepos } from '@/lib/store';

export const dynamic = 'force-dynamic';

const inputSchema = coverageFilterSchema.extend({
  after: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * GET /api/coverage/scans/[id]/repositories?missing=&has=&only=&q=&after=&limit= ->
 * { repositories, total, next? }: one page in name order; `next` is the `after` of the next page.
 */
export async function GET(
  req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  const sp = req.nextUrl.searchParams;
  const input = inputSchema.safeParse({
    ...filterInput(sp),
    ...(sp.get('after') ? { after: sp.get('after') } : {}),
    ...(sp.get('limit') ? { limit: sp.get('limit') } : {}),
  });
  if (!input.success)
    return badRequest(firstIssue(input.error), z.flattenError(input.error).fieldErrors);
  return handle(() => {
    getScan(id);
    const { after, limit, ...filter } = input.data;
    const page = queryCoverageRepos(id, filter, { limit, ...(after ? { after } : {}) });
    const last = page.repositories.at(-1);
    const next = page.repositories.length === limit && last ? last.repository : undefined;
    return NextResponse.json({ ...page, ...(next ? { next } : {}) });
  });
}
