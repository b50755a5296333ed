import 'server-only';

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import type { NextRequest } from 'next/server';
import type { z } from 'zod';

import { checkHost } from '@/lib/auth/request-checks';
import { getConfig, type AppConfig } from '@/lib/config';
import type { EventReceiver } from '@/lib/config-events';
import { AppError } from '@/lib/errors';

import { readCappedText } from './body';
import { decodeParams, parseInput } from './input';
import { DECLARED, DOOR, withHsts, type DoorHandler } from './route';
import { toApiError } from './response';

/** The largest event delivery read: distribution sends one or a few events per request. */
export const MAX_EVENT_BODY_BYTES = 256 * 1024;

function digestOf(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digestOf(a), digestOf(b));
}

/**
 * Returns the receiver whose secret the request carries, comparing every configured secret in
 * constant time (hashes of equal length, no early exit), or undefined. `bearer` reads
 * `Authorization: Bearer <secret>`, `token` the URL's `?token=`, `hmac` checks GitHub's
 * `X-Hub-Signature-256: sha256=<hex>` against the HMAC-SHA256 of `raw` with each secret.
 */
export function senderOf(
  req: Request,
  receivers: readonly EventReceiver[],
  auth: 'bearer' | 'hmac' | 'token' = 'bearer',
  raw = '',
): EventReceiver | undefined {
  let found: EventReceiver | undefined;
  if (auth === 'hmac') {
    const m = /^sha256=([0-9a-f]{64})$/i.exec(req.headers.get('x-hub-signature-256') ?? '');
    const given = (m?.[1] ?? '').toLowerCase();
    for (const r of receivers) {
      const want = createHmac('sha256', r.secret).update(raw, 'utf8').digest('hex');
      if (sameSecret(want, given) && m) found ??= r;
    }
    return found;
  }
  const m =
    auth === 'bearer'
      ? /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '')
      : /^(.+)$/.exec(new URL(req.url).searchParams.get('token') ?? '');
  const given = m?.[1] ?? '';
  for (const r of receivers) if (sameSecret(r.secret, given) && m) found ??= r;
  return found;
}

const HINTS = {
  bearer:
    'Give the registry the secret configured under events.receivers as the header `Authorization: Bearer <secret>` (docs/events.md).',
  hmac: "Set the GitHub webhook's secret to the one configured under events.receivers; GitHub signs each body with it (docs/events.md).",
  token:
    'Add the secret configured under events.receivers to the webhook URL as `?token=<secret>` (docs/events.md).',
};

function parseJson(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('VALIDATION', 'The request body is not valid JSON');
  }
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
    /** How the sender proves itself (lib/events/sources.ts). */
    auth: (params: z.output<P>) => 'bearer' | 'hmac' | 'token';
    mediaTypes: (params: z.output<P>) => readonly string[];
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
      const auth = spec.auth(params);
      // A signature covers the raw body, so it is read (capped) before the sender is known.
      const raw = auth === 'hmac' ? await readCappedText(req, MAX_EVENT_BODY_BYTES) : '';
      const sender = senderOf(req, spec.receivers(params, cfg), auth, raw);
      if (!sender)
        throw new AppError('UNAUTHENTICATED', 'This event delivery carries no valid secret.', {
          hint: HINTS[auth],
        });
      checkMediaType(req, spec.mediaTypes(params));
      const body = parseJson(
        auth === 'hmac' ? raw : await readCappedText(req, MAX_EVENT_BODY_BYTES),
      );
      return withHsts(req, await handler({ req, params, sender, body }));
    } catch (err) {
      return withHsts(req, toApiError(err));
    }
  };
  // Marked like every door: the routes tests know it as a secret-authenticated route.
  return Object.assign(door, { [DOOR]: true as const, [DECLARED]: 'secret' as const });
}
