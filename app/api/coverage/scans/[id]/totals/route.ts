import { NextResponse, type NextRequest } from 'next/server';

import { scanTotals } from '@/lib/coverage';
import { handle } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans/[id]/totals?compare=<scan id> -> ScanTotals (per platform, with the change since `compare`). */
export async function GET(
  req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  const compare = req.nextUrl.searchParams.get('compare') || undefined;
  return handle(() => NextResponse.json(scanTotals(id, compare)));
}
