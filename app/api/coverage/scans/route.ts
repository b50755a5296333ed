import { NextResponse, type NextRequest } from 'next/server';

import { listScans, scanParamsSchema, startScan } from '@/lib/coverage';
import { handle, readBody } from '@/lib/drafts/http';
import { ensureJobKinds } from '@/lib/jobs/kinds';
import { badRequest } from '@/lib/server/api-error';
import { registryHostSchema } from '@/lib/server/browse-input';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans?registry=host -> { scans: ScanView[] }, newest first. */
export function GET(req: NextRequest): Promise<NextResponse> {
  const registry = req.nextUrl.searchParams.get('registry') ?? undefined;
  if (registry !== undefined && !registryHostSchema.safeParse(registry).success)
    return Promise.resolve(badRequest('registry: expected a registry host such as localhost:5000'));
  return handle(() => NextResponse.json({ scans: listScans(registry) }));
}

/** POST /api/coverage/scans { registry, scope, tagRule, concurrency } -> 202 ScanView (the scan runs as a job). */
export async function POST(req: NextRequest): Promise<NextResponse> {
  const body = await readBody(req, scanParamsSchema.extend({ registry: registryHostSchema }));
  if ('response' in body) return body.response;
  return handle(() => {
    ensureJobKinds();
    return NextResponse.json(startScan(body.data), { status: 202 });
  });
}
