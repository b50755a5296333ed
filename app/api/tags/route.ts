import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

import { badRequest, toApiError } from '@/lib/server/api-error';
import {
  firstIssue,
  pageInput,
  pageInputSchema,
  registryHostSchema,
  repositorySchema,
} from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

const inputSchema = pageInputSchema.extend({
  registry: registryHostSchema,
  repository: repositorySchema,
});

/** GET /api/tags?registry=&repository=&n=&cursor= -> `{ tags, next? }` (one page, in the registry's order). */
export async function GET(request: NextRequest) {
  const search = request.nextUrl.searchParams;
  const input = inputSchema.safeParse({
    registry: search.get('registry') ?? '',
    repository: search.get('repository') ?? '',
    ...pageInput(search),
  });
  if (!input.success)
    return badRequest(firstIssue(input.error), z.flattenError(input.error).fieldErrors);
  const { registry, repository, n, cursor } = input.data;
  try {
    const page = await getRegistryClient().listTags(
      { registry, repository },
      { n, cursor, signal: request.signal },
    );
    return NextResponse.json({ tags: page.tags, ...(page.next ? { next: page.next } : {}) });
  } catch (err) {
    return toApiError(err);
  }
}
