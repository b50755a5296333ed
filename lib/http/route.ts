import 'server-only';

import type { NextRequest } from 'next/server';
import type { z } from 'zod';

import {
  authenticate,
  requireRole,
  type Principal,
  type Role,
  type Target,
} from '@/lib/auth/guard';

import { HSTS } from '@/lib/auth/headers';
import { servedOverHttps } from '@/lib/auth/request-checks';
import { getConfig } from '@/lib/config';
import { withActor } from '@/lib/store';

import { readJsonBody } from './body';
import { decodeParams, parseInput, searchParamsObject } from './input';
import { toApiError } from './response';
import { createServerTiming, withServerTiming, type ServerTiming } from './timing';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The parsed input of a request: search parameters, JSON body and route segments. */
export interface RouteInput<Q = undefined, B = undefined, P = undefined> {
  query: Q;
  body: B;
  params: P;
}

/** What a route declares: its input schemas, the role it needs, and what it acts on. */
export interface RouteSpec<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
> {
  /** zod schema of the search parameters (`?a=&b=`, each a string). */
  query?: Q;
  /** zod schema of the JSON body (an empty body is `{}`). */
  body?: B;
  /** zod schema of the route's [segments], decoded once. */
  params?: P;
  /** The role the request needs, or a function of the parsed input (e.g. `force` needs admin). */
  role: Role | ((input: RouteInput<Out<Q>, Out<B>, Out<P>>) => Role);
  /** The registry and repository the request acts on, for grants per repository. */
  target?: (input: RouteInput<Out<Q>, Out<B>, Out<P>>) => Target | undefined;
}

/** What a handler receives: the parsed input, who is asking, and the request itself. */
export interface RouteContext<Q = undefined, B = undefined, P = undefined> extends RouteInput<
  Q,
  B,
  P
> {
  req: NextRequest;
  principal: Principal;
  /** Aborted when the client goes away; long work that must outlive the request ignores it. */
  signal: AbortSignal;
  /** This request's Server-Timing: add the handler's phases (e.g. `timing.measure('inspect', ...)`). */
  timing: ServerTiming;
}

/** A route handler as Next calls it (the context is optional so tests can call it with a request). */
export type DoorHandler = ((
  req: NextRequest,
  ctx?: { params?: Promise<unknown> },
) => Promise<Response>) & { readonly [DOOR]: true };

export const DOOR = Symbol.for('manifold.http.route');

/** Returns true when `fn` was built by `route()`: tests use it to prove no route bypasses the door. */
export function isRoute(fn: unknown): fn is DoorHandler {
  return typeof fn === 'function' && (fn as Partial<DoorHandler>)[DOOR] === true;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function readInput<
  Q extends Schema | undefined,
  B extends Schema | undefined,
  P extends Schema | undefined,
>(
  spec: RouteSpec<Q, B, P>,
  req: NextRequest,
  ctx: { params?: Promise<unknown> } | undefined,
): Promise<RouteInput<Out<Q>, Out<B>, Out<P>>> {
  const query = spec.query ? parseInput(spec.query, searchParamsObject(req.url)) : undefined;
  const body = spec.body ? parseInput(spec.body, await readJsonBody(req)) : undefined;
  const params = spec.params ? parseInput(spec.params, decodeParams(await ctx?.params)) : undefined;
  return { query, body, params } as RouteInput<Out<Q>, Out<B>, Out<P>>;
}

/**
 * Returns the handler of one HTTP method: the one door every `app/api/**` route goes through.
 * In order: authenticate (writes: origin, content type, read-only), read the body (capped at
 * 1 MiB) and parse the input with zod (400 VALIDATION), require the role on the target, run the
 * handler; anything thrown becomes `toApiError` (an AppError's status and public form, else 500).
 */
export function route<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  spec: RouteSpec<Q, B, P>,
  handler: (ctx: RouteContext<Out<Q>, Out<B>, Out<P>>) => Response | Promise<Response>,
): DoorHandler {
  const door = async (req: NextRequest, ctx?: { params?: Promise<unknown> }) => {
    const timing = createServerTiming();
    const res = await withServerTiming(timing, async () => {
      try {
        const principal = await timing.measure('auth', () =>
          authenticate(req, { write: !READS.has(req.method) }),
        );
        const input = await timing.measure('input', () => readInput(spec, req, ctx));
        const role = typeof spec.role === 'function' ? spec.role(input) : spec.role;
        requireRole(principal, role, spec.target?.(input));
        // Activity rows and the jobs the handler starts name who asked.
        const actor = { id: principal.id, name: principal.name };
        return await timing.measure('handler', async () =>
          withActor(actor, () => handler({ ...input, req, principal, signal: req.signal, timing })),
        );
      } catch (err) {
        return toApiError(err);
      }
    });
    return withTimingHeader(withHsts(req, res), timing);
  };
  return Object.assign(door, { [DOOR]: true as const });
}

/** Adds HSTS over HTTPS (next.config.mjs gives API answers their other security headers). */
export function withHsts(req: Request, res: Response): Response {
  if (!servedOverHttps(req, getConfig())) return res;
  try {
    res.headers.set('strict-transport-security', HSTS);
  } catch {
    // Immutable headers (a fetched Response passed through): the pages carry HSTS too.
  }
  return res;
}

function withTimingHeader(res: Response, timing: ServerTiming): Response {
  try {
    res.headers.set('server-timing', timing.header());
  } catch {
    // Immutable headers (a fetched Response passed through): it goes out without timing.
  }
  return res;
}
