import { NextResponse, type NextRequest } from 'next/server';

import { handle } from '@/lib/drafts/http';
import { retryJob } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/jobs/kinds';

export const dynamic = 'force-dynamic';

/** POST /api/jobs/[id]/retry: queues a failed or interrupted job again (same id); it skips what is already done. */
export async function POST(
  _req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(() => {
    ensureJobKinds();
    return NextResponse.json(retryJob(id), { status: 202 });
  });
}
