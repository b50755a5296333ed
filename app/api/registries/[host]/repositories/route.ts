import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

import { safeDecode } from '@/lib/paths';
import { badRequest, toApiError } from '@/lib/server/api-error';
import {
  firstIssue,
  pageInput,
  pageInputSchema,
  registryHostSchema,
} from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

const inputSchema = pageInputSchema.extend({ host: registryHostSchema });

/** GET /api/registries/[host]/repositories?n=&cursor= -> `{ repositories, next? }` (one catalog page). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ host: string }> }) {
  const { host } = await params;
  const input = inputSchema.safeParse({
    host: safeDecode(host),
    ...pageInput(request.nextUrl.searchParams),
  });
  if (!input.success)
    return badRequest(firstIssue(input.error), z.flattenError(input.error).fieldErrors);
  const { host: registry, n, cursor } = input.data;
  try {
    const page = await getRegistryClient().listRepositories(registry, {
      n,
      cursor,
      signal: request.signal,
    });
    return NextResponse.json({
      repositories: page.repositories,
      ...(page.next ? { next: page.next } : {}),
    });
  } catch (err) {
    return toApiError(err);
  }
}
