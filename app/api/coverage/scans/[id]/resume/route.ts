import { NextResponse, type NextRequest } from 'next/server';

import { resumeScan } from '@/lib/coverage';
import { handle } from '@/lib/drafts/http';
import { ensureJobKinds } from '@/lib/jobs/kinds';

export const dynamic = 'force-dynamic';

/** POST /api/coverage/scans/[id]/resume -> 202 ScanView; a stopped scan goes on where it stopped. */
export async function POST(
  _req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(() => {
    ensureJobKinds();
    return NextResponse.json(resumeScan(id), { status: 202 });
  });
}
