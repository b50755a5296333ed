import 'server-only';

import type { NextRequest } from 'next/server';
import type { z } from 'zod';

import { checkRequest } from '@/lib/auth/guard';
import { getConfig, type AppConfig } from '@/lib/config';

import { readJsonBody } from './body';
import { parseInput } from './input';
import { observeRequest } from './observe';
import { DECLARED, DOOR, withHsts, type DoorHandler } from './route';
import { toApiError } from './response';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Returns the handler of a sign-in route: the routes a signed-out browser must reach. They pass
 * the same Host, origin and content-type checks as every other route (lib/http's door), and read
 * their body the same capped way, but need no principal and stay open on a read-only instance
 * (signing in or out changes no registry).
 */
export function publicRoute<B extends z.ZodType | undefined = undefined>(
  spec: { body?: B },
  handler: (ctx: {
    req: NextRequest;
    cfg: AppConfig;
    body: B extends z.ZodType ? z.output<B> : undefined;
  }) => Response | Promise<Response>,
): DoorHandler {
  const handle = async (req: NextRequest) => {
    try {
      const cfg = getConfig();
      checkRequest(req, { write: !READS.has(req.method) }, cfg);
      const body = spec.body ? parseInput(spec.body, await readJsonBody(req)) : undefined;
      return withHsts(req, await handler({ req, cfg, body: body as never }));
    } catch (err) {
      return withHsts(req, toApiError(err));
    }
  };
  const door = (req: NextRequest) => observeRequest(req, undefined, () => handle(req));
  // The same mark as route(): the routes test proves no app/api route bypasses one of the two.
  return Object.assign(door, { [DOOR]: true as const, [DECLARED]: 'public' as const });
}
