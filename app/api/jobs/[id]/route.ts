import { NextResponse, type NextRequest } from 'next/server';

import { handle } from '@/lib/drafts/http';
import { getJob } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/jobs/kinds';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/[id]: the job with its status, progress (steps with bytes), result and error. */
export async function GET(
  _req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(() => {
    ensureJobKinds();
    const job = getJob(id);
    if (!job) {
      return NextResponse.json(
        { error: { code: 'NOT_FOUND', message: `There is no job ${id}`, retryable: false } },
        { status: 404 },
      );
    }
    return NextResponse.json(job, { headers: { 'cache-control': 'no-store' } });
  });
}
