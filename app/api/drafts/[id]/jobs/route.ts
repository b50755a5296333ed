import { NextResponse, type NextRequest } from 'next/server';

import { draftSubject } from '@/lib/drafts/push';
import { handle } from '@/lib/drafts/http';
import { listJobs } from '@/lib/jobs';

export const dynamic = 'force-dynamic';

/** GET /api/drafts/[id]/jobs?limit=: the draft's push jobs, newest first (the first is the one the page shows). */
export async function GET(
  req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  const limit = Math.min(50, Math.max(1, Number(req.nextUrl.searchParams.get('limit')) || 5));
  return handle(() => NextResponse.json({ jobs: listJobs({ subject: draftSubject(id), limit }) }));
}
