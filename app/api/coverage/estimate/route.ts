import { NextResponse, type NextRequest } from 'next/server';

import { estimateScan, scanParamsSchema } from '@/lib/coverage';
import { handle, readBody } from '@/lib/drafts/http';
import { registryHostSchema } from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

export const dynamic = 'force-dynamic';

/** POST /api/coverage/estimate { registry, scope, tagRule } -> ScanEstimate (repositories, tags, request budget). */
export async function POST(req: NextRequest): Promise<NextResponse> {
  const body = await readBody(req, scanParamsSchema.extend({ registry: registryHostSchema }));
  if ('response' in body) return body.response;
  return handle(async () =>
    NextResponse.json(await estimateScan(getRegistryClient(), body.data, req.signal)),
  );
}
