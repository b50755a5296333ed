import { NextResponse, type NextRequest } from 'next/server';

import { getScan } from '@/lib/coverage';
import { handle } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans/[id] -> ScanView (status, counters, progress message, error). */
export async function GET(
  _req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(() => NextResponse.json(getScan(id)));
}
