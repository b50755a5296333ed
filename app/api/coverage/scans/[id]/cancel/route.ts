import { NextResponse, type NextRequest } from 'next/server';

import { cancelScan } from '@/lib/coverage';
import { handle } from '@/lib/drafts/http';

export const dynamic = 'force-dynamic';

/** POST /api/coverage/scans/[id]/cancel -> ScanView; the scan stops and keeps what it stored. */
export async function POST(
  _req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(() => NextResponse.json(cancelScan(id), { status: 202 }));
}
