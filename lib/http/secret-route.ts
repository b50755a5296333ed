import 'server-only';

import { createHash, timingSafeEqual } from 'node:crypto';

import type { NextRequest } from 'next/server';
import type { z } from 'zod';

import { checkHost } from '@/lib/auth/request-checks';
import { getConfig, type AppConfig } from '@/lib/config';
import type { EventReceiver } from '@/lib/config-events';
import { AppError } from '@/lib/errors';

import { readJsonBody } from './body';
import { decodeParams, parseInput } from './input';
import { DECLARED, DOOR, withHsts, type DoorHandler } from './route';
import { toApiError } from './response';

/** The largest event delivery read: distribution sends one or a few events per request. */
export const MAX_EVENT_BODY_BYTES = 256 * 1024;

function digestOf(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/**
 * Returns the receiver whose secret the request's `Authorization: Bearer` carries, comparing
 * every configured secret in constant time (hashes of equal length, no early exit), or undefined.
 */
export function senderOf(
  req: Request,
  receivers: readonly EventReceiver[],
): EventReceiver | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  const given = digestOf(m?.[1] ?? '');
  let found: EventReceiver | undefined;
  for (const r of receivers) if (timingSafeEqual(digestOf(r.secret), given) && m) found ??= r;
  return found;
}

function checkMediaType(req: Request, allowed: readonly string[]): void {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!allowed.includes(type))
    throw new AppError(
      'UNSUPPORTED_CONTENT_TYPE',
      `Events must be sent as ${allowed[0]}, not ${JSON.stringify(type || 'nothing')}.`,
    );
}

/**
 * Returns the handler of an event receiver: a route that is not a user's but a registry's. It
 * passes the Host check of every route; then, instead of a session and an origin, the sender
 * proves itself with the secret configured for it (401 UNAUTHENTICATED and nothing read
 * otherwise); the body is read capped (413) and must be one of the sender's media types (415).
 * It stays open on a read-only instance: recording what a registry did changes no registry.
 */
export function secretRoute<P extends z.ZodType>(
  spec: {
    params: P;
    /** The senders this request may come from, given its parsed params. */
    receivers: (params: z.output<P>, cfg: AppConfig) => readonly EventReceiver[];
    mediaTypes: readonly string[];
  },
  handler: (ctx: {
    req: NextRequest;
    params: z.output<P>;
    sender: EventReceiver;
    body: unknown;
  }) => Response | Promise<Response>,
): DoorHandler {
  const door = async (req: NextRequest, ctx?: { params?: Promise<unknown> }) => {
    try {
      const cfg = getConfig();
      checkHost(req, cfg);
      const params = parseInput(spec.params, decodeParams(await ctx?.params));
      const sender = senderOf(req, spec.receivers(params, cfg));
      if (!sender)
        throw new AppError('UNAUTHENTICATED', 'This event delivery carries no valid secret.', {
          hint: 'Give the registry the secret configured under events.receivers as the header `Authorization: Bearer <secret>` (docs/events.md).',
        });
      checkMediaType(req, spec.mediaTypes);
      const body = await readJsonBody(req, MAX_EVENT_BODY_BYTES);
      return withHsts(req, await handler({ req, params, sender, body }));
    } catch (err) {
      return withHsts(req, toApiError(err));
    }
  };
  // Marked like every door: the routes tests know it as a secret-authenticated route.
  return Object.assign(door, { [DOOR]: true as const, [DECLARED]: 'secret' as const });
}
