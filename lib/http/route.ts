import 'server-only';

import type { NextRequest } from 'next/server';
import type { z } from 'zod';

import {
  accessOf,
  authenticate,
  requireResources,
  requireRole,
  type Access,
  type Principal,
  type Resource,
  type Role,
} from '@/lib/auth/guard';
import { AppError, isAppError } from '@/lib/errors';

import { HSTS } from '@/lib/auth/headers';
import { requireAdminEverywhere } from '@/lib/auth/revoke-user';
import { servedOverHttps } from '@/lib/auth/request-checks';
import { getConfig } from '@/lib/config';
import { withActor } from '@/lib/store';

import { log } from '@/lib/log';

import { readJsonBody } from './body';
import { decodeParams, parseInput, searchParamsObject } from './input';
import { observeRequest, type Observed } from './observe';
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

/** A list route: it shows rows of many resources and filters each through `ctx.access` itself. */
export const FILTERED: unique symbol = Symbol.for('manifold.http.filtered');
/** A route over the caller's own records (their tokens, their session): no registry resource. */
export const OWN: unique symbol = Symbol.for('manifold.http.own');
/** A route over the whole instance (other users' sign-ins): only an admin of everything. */
export const INSTANCE: unique symbol = Symbol.for('manifold.http.instance');

/**
 * The resources a request will read and write once its references are resolved, computed by the
 * feature's own resolver from the parsed input, before the handler and so before any registry is
 * asked. An empty list, or a throw, refuses the request.
 */
export type ResourcesOf<I> = (
  input: I,
  ctx: { principal: Principal },
) => Resource[] | Promise<Resource[]>;

/** How a route says what it touches: a function of its input, or FILTERED, OWN or INSTANCE. */
export type ResourceDeclaration<I> =
  ResourcesOf<I> | typeof FILTERED | typeof OWN | typeof INSTANCE;

/** What the door tests enumerate: which declaration a handler was built with. */
export type DeclarationKind = 'resources' | 'filtered' | 'own' | 'instance' | 'public' | 'secret';

/** What a route declares: its input schemas and the resources it acts on. */
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
  /** What the request reads and writes (docs/security.md, "Authorization model"). Required. */
  resources: ResourceDeclaration<RouteInput<Out<Q>, Out<B>, Out<P>>>;
  /**
   * FILTERED and OWN routes only: the least role the caller must hold on some grant (default
   * viewer). A resources function takes its roles from the actions it names.
   */
  role?: Role;
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
  /** Checks for what the handler discovers later: a list's rows, a job's steps. */
  access: Access;
}

/** A route handler as Next calls it (the context is optional so tests can call it with a request). */
export type DoorHandler = ((
  req: NextRequest,
  ctx?: { params?: Promise<unknown> },
) => Promise<Response>) & { readonly [DOOR]: true; readonly [DECLARED]: DeclarationKind };

export const DOOR = Symbol.for('manifold.http.route');
export const DECLARED = Symbol.for('manifold.http.declared');

/** Returns how a door handler declared its resources, or undefined for anything else. */
export function declarationOf(fn: unknown): DeclarationKind | undefined {
  return isRoute(fn) ? (fn as Partial<DoorHandler>)[DECLARED] : undefined;
}

function kindOf(decl: unknown): Exclude<DeclarationKind, 'public' | 'secret'> {
  if (decl === FILTERED) return 'filtered';
  if (decl === OWN) return 'own';
  if (decl === INSTANCE) return 'instance';
  if (typeof decl === 'function') return 'resources';
  // A route without a declaration would be checked against nothing: refuse to build it at all.
  throw new Error(
    'route(): the spec needs `resources`: a function of the input, FILTERED, OWN or INSTANCE',
  );
}

/**
 * Throws unless the principal may touch everything the declaration names: a function's resources
 * (its own AppError, such as INVALID_REFERENCE, goes out as it is; anything else it throws and an
 * empty list are FORBIDDEN), or for FILTERED and OWN the least role on some grant.
 */
async function authorize<I>(
  decl: ResourceDeclaration<I>,
  role: Role | undefined,
  input: I,
  principal: Principal,
): Promise<void> {
  if (decl === INSTANCE) return requireAdminEverywhere(principal);
  if (typeof decl !== 'function') return requireRole(principal, role ?? 'viewer');
  let resources: Resource[];
  try {
    resources = await decl(input, { principal });
  } catch (err) {
    if (isAppError(err)) throw err;
    // A resolver bug: refused (never let through), and logged so it gets fixed.
    log().error({ err }, 'route(): the resources declaration threw');
    throw new AppError(
      'FORBIDDEN',
      'What this request would act on could not be worked out, so it is refused.',
      { cause: err },
    );
  }
  requireResources(principal, resources);
}

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
 * 1 MiB) and parse the input with zod (400 VALIDATION), check every declared resource (403
 * FORBIDDEN), run the handler; anything thrown becomes `toApiError` (an AppError's status and
 * public form, else 500). Throws at module load when the spec declares no resources.
 */
export function route<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  spec: RouteSpec<Q, B, P>,
  handler: (ctx: RouteContext<Out<Q>, Out<B>, Out<P>>) => Response | Promise<Response>,
): DoorHandler {
  const kind = kindOf(spec.resources);
  if (kind === 'resources' && spec.role !== undefined)
    throw new Error('route(): `role` is for FILTERED and OWN routes; actions give the rest theirs');
  const handle = async (
    req: NextRequest,
    ctx: { params?: Promise<unknown> } | undefined,
    seen: Observed,
  ) => {
    const timing = createServerTiming();
    const res = await withServerTiming(timing, async () => {
      try {
        const principal = await timing.measure('auth', () =>
          authenticate(req, { write: !READS.has(req.method) }),
        );
        seen.principalId = principal.id;
        const input = await timing.measure('input', () => readInput(spec, req, ctx));
        await authorize(spec.resources, spec.role, input, principal);
        // Activity rows, drafts and the jobs the handler starts name who asked: a token acts for
        // its owner (its name still says which token), so what it makes is the owner's.
        const actor = { id: principal.user ?? principal.id, name: principal.name };
        return await timing.measure('handler', async () =>
          withActor(actor, () =>
            handler({
              ...input,
              req,
              principal,
              signal: req.signal,
              timing,
              access: accessOf(principal),
            }),
          ),
        );
      } catch (err) {
        return toApiError(err);
      }
    });
    return withTimingHeader(withHsts(req, res), timing);
  };
  // Every request is measured and logged once, under its request id (lib/http/observe.ts).
  const door = (req: NextRequest, ctx?: { params?: Promise<unknown> }) =>
    observeRequest(req, ctx, (seen) => handle(req, ctx, seen));
  return Object.assign(door, { [DOOR]: true as const, [DECLARED]: kind });
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
