import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

import { inspect } from '@/lib/registry/ops/inspect';
import { parseReference } from '@/lib/registry/reference';
import { summarize } from '@/lib/registry/summary';
import { badRequest, toApiError } from '@/lib/server/api-error';
import { firstIssue } from '@/lib/server/browse-input';
import { getContentCache, getRegistryClient } from '@/lib/server/registry';

const inputSchema = z.object({
  ref: z.string().min(1, 'ref is required: registry/repository:tag').max(1024),
});

/** GET /api/summary?ref=registry/repository:tag -> TagSummary (kind, platforms, digest, size, created). */
export async function GET(request: NextRequest) {
  const input = inputSchema.safeParse({ ref: request.nextUrl.searchParams.get('ref') ?? '' });
  if (!input.success)
    return badRequest(firstIssue(input.error), z.flattenError(input.error).fieldErrors);
  try {
    const ref = parseReference(input.data.ref);
    // Content by digest is cached: re-listing a repository costs one HEAD per tag.
    const result = await inspect(getRegistryClient(), ref, {
      signal: request.signal,
      cache: getContentCache(),
    });
    return NextResponse.json(summarize(result));
  } catch (err) {
    return toApiError(err);
  }
}
