import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

import { handle } from '@/lib/drafts/http';
import { activityQuerySchema } from '@/lib/drafts/schemas';
import { badRequest } from '@/lib/server/api-error';
import { listActivity } from '@/lib/store';

export const dynamic = 'force-dynamic';

/** GET /api/activity?registry=&repository=&tag=&action=&before=&limit=: the activity log, newest first. */
export async function GET(req: NextRequest): Promise<NextResponse> {
  const parsed = activityQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success)
    return badRequest(
      parsed.error.issues[0]?.message ?? 'invalid query',
      z.flattenError(parsed.error).fieldErrors,
    );
  return handle(() => {
    const entries = listActivity(parsed.data);
    const limit = parsed.data.limit ?? 50;
    const last = entries.at(-1);
    return NextResponse.json({
      entries,
      ...(entries.length === limit && last ? { next: last.id } : {}),
    });
  });
}
