import 'server-only';

import type { NextRequest } from 'next/server';
import { z } from 'zod';

import { getConfig, type AppConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { toApiError } from '@/lib/server/api-error';

import { checkRequest } from './guard';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Returns the handler of a sign-in route: the routes a signed-out browser must reach. They pass
 * the same Host, origin and content-type checks as every other route (lib/http's door), but need
 * no principal and stay open on a read-only instance (signing in changes no registry).
 */
export function publicRoute<B extends z.ZodType | undefined = undefined>(
  spec: { body?: B },
  handler: (ctx: {
    req: NextRequest;
    cfg: AppConfig;
    body: B extends z.ZodType ? z.output<B> : undefined;
  }) => Response | Promise<Response>,
): (req: NextRequest) => Promise<Response> {
  return async (req) => {
    try {
      const cfg = getConfig();
      checkRequest(req, { write: !READS.has(req.method) }, cfg);
      let body: unknown;
      if (spec.body) {
        const text = await req.text();
        if (text.length > 64 * 1024)
          throw new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.', {
            details: { limit: 64 * 1024 },
          });
        let raw: unknown = {};
        try {
          raw = text.trim() ? JSON.parse(text) : {};
        } catch {
          throw new AppError('VALIDATION', 'The request body is not valid JSON');
        }
        const parsed = spec.body.safeParse(raw);
        if (!parsed.success)
          throw new AppError('VALIDATION', parsed.error.issues[0]?.message ?? 'Invalid request', {
            fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
          });
        body = parsed.data;
      }
      return await handler({ req, cfg, body: body as never });
    } catch (err) {
      return toApiError(err);
    }
  };
}
