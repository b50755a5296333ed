import { redactUrl } from '@/lib/errors';
import { createAgentPool, type OriginOwner } from './agent';
import type { TransportResponse } from './body';
import { startDeadline, transferMs } from './deadline';
import { checkHop, ownerOf } from './hops';
import { checkName, type OutboundPolicy } from './policy';
import { followRedirects } from './redirect';
import { withRetries } from './retry';
import { createSender, type Exchange } from './send';
import { watchWait } from './wait';
import type { RegistrySettings, Transport, TransportOptions, TransportRequest } from './types';
import { registryBaseUrl } from './url';

/**
 * The one piece of the registry client that talks HTTP (and the only importer of undici). A
 * request goes through small layers, outermost first: deadline -> retry -> redirect -> send,
 * where send picks the origin's own agent, whose connector applies the outbound policy to the
 * resolved address.
 */

export type { ResponseHeaders, TransportResponse } from './body';
export type {
  RegistryCredentials,
  RegistryResolver,
  RegistrySettings,
  RequestBody,
  RequestInfo,
  Transport,
  TransportOptions,
  TransportRequest,
} from './types';
export type { Resolver, ResolvedAddress, SocketConnector, ConnectOptions } from './connector';
export type { AllowUnconfigured } from './policy';
export type { RequestWait } from './wait';
export { isReplayableBody } from './body-kind';
export { checkRealm } from './hops';
export { registryBaseUrl } from './url';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_DEADLINE_MS = 120_000;
const DEFAULT_WAIT_NOTICE_MS = 5_000;

/** Returns a transport: per-origin pools, the outbound policy, deadlines, retries, redirects, error mapping. */
export function createTransport(options: TransportOptions): Transport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { deadlineMs } = options;
  const defaultDeadline =
    typeof deadlineMs === 'function' ? deadlineMs : () => deadlineMs ?? DEFAULT_DEADLINE_MS;
  const policy: OutboundPolicy = {
    allowUnconfigured: options.allowUnconfigured ?? false,
    ...(options.ownAddresses ? { ownAddresses: options.ownAddresses } : {}),
  };
  const agents = createAgentPool({
    policy,
    timeoutMs,
    connectionsPerOrigin: options.connectionsPerOrigin ?? 16,
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(options.connectSocket ? { connectSocket: options.connectSocket } : {}),
  });

  function lookup(registry: string): { settings: RegistrySettings; configured: boolean } {
    const configured = options.registries(registry);
    if (configured) return { settings: configured, configured: true };
    const refused = checkName({ host: registry, kind: 'unconfigured' }, policy);
    if (refused) throw refused;
    return { settings: { host: registry, scheme: 'https' }, configured: false };
  }

  async function request(req: TransportRequest): Promise<TransportResponse> {
    const { settings, configured } = lookup(req.registry);
    const base = registryBaseUrl(settings);
    const owner = (url: URL): OriginOwner => ownerOf(url, settings, configured, options.registries);
    const target = new URL(req.url ?? req.path ?? '/v2/', base);
    // A URL the registry named (realm, Location, Link) is a hop from the registry's own origin.
    if (req.url !== undefined) checkHop(base, target, `The URL ${target.host}`);
    const send = createSender({
      dispatcherFor: (url) => agents.forOrigin(url, owner(url)),
      timeoutMs,
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
    const pipeline = withRetries(
      followRedirects(send, { maxRedirects: options.maxRedirects ?? 5 }),
      {
        retries: options.retries ?? 3,
        retryBaseMs: options.retryBaseMs ?? 250,
        maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
      },
    );
    const { onWaiting } = options;
    const stopWatching = onWaiting
      ? watchWait(onWaiting, options.waitNoticeMs ?? DEFAULT_WAIT_NOTICE_MS, {
          registry: req.registry,
          method: req.method.toUpperCase(),
          url: redactUrl(target.toString()),
        })
      : undefined;
    try {
      return await runWithDeadline(req, target, pipeline, {
        deadlineMs: req.deadlineMs ?? defaultDeadline() + transferMs(req.expectedBytes ?? 0),
        userAgent: options.userAgent ?? 'manifold/0.1',
      });
    } finally {
      stopWatching?.();
    }
  }

  return {
    request,
    settings: (registry) => lookup(registry).settings,
    isConfigured: (host) => options.registries(host) !== undefined,
    baseUrl: (registry) => registryBaseUrl(lookup(registry).settings),
    close: () => agents.close(),
  };
}

/**
 * Returns the pipeline's response to one request under its total deadline (which keeps running
 * until the body is read, dumped or destroyed); throws the mapped error or the expected-status error.
 */
async function runWithDeadline(
  req: TransportRequest,
  url: URL,
  pipeline: (ex: Exchange) => Promise<TransportResponse>,
  defaults: { deadlineMs: number; userAgent: string },
): Promise<TransportResponse> {
  const deadline = startDeadline(defaults.deadlineMs, {
    host: url.host,
    what: `${req.method.toUpperCase()} ${url.pathname}`,
  });
  const headers: Record<string, string> = { 'user-agent': defaults.userAgent };
  for (const [k, v] of Object.entries(req.headers ?? {}))
    if (v !== undefined) headers[k.toLowerCase()] = v;
  let res: TransportResponse;
  try {
    res = await pipeline({
      req,
      url,
      method: req.method.toUpperCase(),
      headers,
      body: req.body,
      deadline: deadline.signal,
      deadlineAt: Date.now() + defaults.deadlineMs,
    });
  } catch (err) {
    deadline.clear();
    throw err;
  }
  if (res.body.closed || res.body.destroyed) deadline.clear();
  else res.body.once('close', () => deadline.clear());
  if (req.expectStatus !== undefined && !statusMatches(res.status, req.expectStatus))
    throw await res.toError();
  return res;
}

/** Returns true when `status` is (one of) the expected status(es). */
export function statusMatches(status: number, expect: number | readonly number[]): boolean {
  return typeof expect === 'number' ? status === expect : expect.includes(status);
}
