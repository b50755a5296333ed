import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

import { inspect } from '@/lib/registry/ops/inspect';
import { parseReference } from '@/lib/registry/reference';
import { badRequest, toApiError } from '@/lib/server/api-error';
import { getContentCache, getRegistryClient } from '@/lib/server/registry';

export const dynamic = 'force-dynamic';

const query = z.object({
  ref: z.string().min(1, 'ref is required, e.g. ?ref=localhost:5000/demo/shazam:latest').max(600),
  raw: z.enum(['0', '1', 'false', 'true']).optional(),
});

/** GET /api/inspect?ref=<reference>: the list or image with every platform's config and layers (see docs/api.md). */
export async function GET(req: NextRequest): Promise<NextResponse> {
  const parsed = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success)
    return badRequest(
      parsed.error.issues[0]?.message ?? 'invalid query',
      z.flattenError(parsed.error).fieldErrors,
    );
  try {
    const ref = parseReference(parsed.data.ref);
    const result = await inspect(getRegistryClient(), ref, {
      signal: req.signal,
      cache: getContentCache(),
    });
    const withRaw = parsed.data.raw === '1' || parsed.data.raw === 'true';
    const { raw, ...rest } = result;
    return NextResponse.json(withRaw ? { ...rest, raw } : rest);
  } catch (err) {
    return toApiError(err);
  }
}
