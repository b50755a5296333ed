import 'server-only';

import { NextResponse } from 'next/server';
import { z } from 'zod';

import { badRequest, toApiError } from '@/lib/server/api-error';

import { toHttp, type Result } from './result';

/** Returns the JSON response of a service result: the value (okStatus), or `{ error }` with its status. */
export function respond<T>(result: Result<T>, okStatus = 200): NextResponse {
  const { body, status } = toHttp(result, okStatus);
  return NextResponse.json(body, { status });
}

/**
 * Returns the parsed JSON body, or a 400 response naming the bad fields. An empty body counts as `{}`.
 */
export async function readBody<T extends z.ZodType>(
  req: Request,
  schema: T,
): Promise<{ data: z.output<T> } | { response: NextResponse }> {
  let raw: unknown = {};
  try {
    const text = await req.text();
    if (text.trim()) raw = JSON.parse(text);
  } catch {
    return { response: badRequest('The request body is not valid JSON') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return {
      response: badRequest(parsed.error.issues[0]?.message ?? 'Invalid request', fieldErrors),
    };
  }
  return { data: parsed.data };
}

/** Returns the handler's response, or toApiError's for anything it throws (bugs, unexpected registry errors). */
export async function handle(
  fn: () => Promise<NextResponse> | NextResponse,
): Promise<NextResponse> {
  try {
    return await fn();
  } catch (err) {
    return toApiError(err);
  }
}
