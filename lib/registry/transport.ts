import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';

import { Agent, type Dispatcher } from 'undici';

import { AppError, isAppError, redactUrl } from '@/lib/errors';
import { registryApiHost } from './reference';
import {
  isRetryableStatus,
  mapNetworkError,
  parseRetryAfter,
  type NotFoundContext,
} from './response-error';
import { chunked, touching, wrapResponse, type TransportResponse } from './transport-body';

export type { ResponseHeaders, TransportResponse } from './transport-body';

/** Credentials for one registry: a user/password pair or an OAuth2 identity (refresh) token. */
export type RegistryCredentials =
  { username: string; password: string } | { identityToken: string };

/** How to reach one registry. `host` is the name in image references (e.g. docker.io). */
export interface RegistrySettings {
  host: string;
  scheme: 'http' | 'https';
  insecureSkipVerify?: boolean;
  /** PEM file with extra CA certificates (trusted in addition to the system roots). */
  caFile?: string;
  /** PEM text with extra CA certificates. */
  ca?: string;
  credentials?: RegistryCredentials;
  /**
   * Host the API is served from when it differs from `host`. Default: `host`, except Docker Hub's
   * names (docker.io, index.docker.io), which are served from registry-1.docker.io.
   */
  apiHost?: string;
}

/** Returns the settings of a configured registry, or undefined when it is not allowed. */
export type RegistryResolver = (host: string) => RegistrySettings | undefined;

/** A request body: bytes, a one-shot stream, or a factory that can be called again for retries. */
export type RequestBody = Uint8Array | Readable | (() => Readable | Promise<Readable>);

export interface TransportRequest {
  /** Configured registry host this request belongs to (selects TLS settings and the allowlist). */
  registry: string;
  method: string;
  /** Path (and query) relative to the registry's API base, e.g. `/v2/`. */
  path?: string;
  /** Absolute URL (token realm, Link, Location); relative URLs resolve against the API base. */
  url?: string;
  headers?: Record<string, string | undefined>;
  body?: RequestBody;
  signal?: AbortSignal;
  /** When given, any other final status throws the mapped AppError. */
  expectStatus?: number | readonly number[];
  /** Allows retries of a non-GET/HEAD request (the body must be replayable). */
  idempotent?: boolean;
  /** Default cap for `response.bytes()`. */
  maxBodyBytes?: number;
  /** What a 404 means here (MANIFEST_UNKNOWN, BLOB_UNKNOWN, ...). */
  notFound?: NotFoundContext;
  /** Follow redirects (default true). */
  followRedirects?: boolean;
  timeoutMs?: number;
}

export interface RequestInfo {
  method: string;
  /** Redacted URL. */
  url: string;
  status: number | undefined;
  durationMs: number;
  registry: string;
  error?: string;
}

export interface TransportOptions {
  registries: RegistryResolver;
  userAgent?: string;
  /** Inactivity timeout per request (ms): connect, waiting for headers, between body chunks. */
  timeoutMs?: number;
  /** Retries for idempotent requests after network errors, 5xx, 408 and 429. */
  retries?: number;
  /** Base delay of the exponential backoff (ms). */
  retryBaseMs?: number;
  /** Cap for any single wait between retries, including Retry-After (ms). */
  maxRetryDelayMs?: number;
  maxRedirects?: number;
  /** Called once per HTTP exchange (each retry, redirect and token request counts). */
  onRequest?: (info: RequestInfo) => void;
}

export interface Transport {
  /** Returns the response; throws a AppError on network errors, timeouts or an unexpected status. */
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Returns the settings for a registry; throws DENIED when the registry is not configured. */
  settings(registry: string): RegistrySettings;
  /** Returns the API base URL of a registry, e.g. `https://registry-1.docker.io`. */
  baseUrl(registry: string): URL;
  /** Closes every connection pool. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const BUFFER_STREAM_THRESHOLD = 1024 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Returns the API base URL for registry settings (Docker Hub: https://registry-1.docker.io). */
export function registryBaseUrl(settings: RegistrySettings): URL {
  return new URL(`${settings.scheme}://${settings.apiHost ?? registryApiHost(settings.host)}`);
}

/** Returns true when the body can be sent again (for retries, redirects and auth challenges). */
export function isReplayableBody(body: RequestBody | undefined): boolean {
  return body === undefined || body instanceof Uint8Array || typeof body === 'function';
}

/** Returns a transport: pooled keep-alive connections, timeouts, retries, redirects, error mapping. */
export function createTransport(options: TransportOptions): Transport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 250;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? 'manifold/0.1';
  const agents = new Map<string, Agent>();

  function settings(registry: string): RegistrySettings {
    const s = options.registries(registry);
    if (!s) {
      throw new AppError('DENIED', `Registry ${registry} is not configured in Manifold`, {
        retryable: false,
      });
    }
    return s;
  }

  function agentFor(s: RegistrySettings): Dispatcher {
    const extraCa =
      s.scheme === 'https' ? [s.ca, s.caFile ? readFileSync(s.caFile, 'utf8') : undefined] : [];
    const ca = extraCa.filter((c): c is string => Boolean(c));
    const insecure = s.scheme === 'https' && s.insecureSkipVerify === true;
    const key = `${insecure ? 'insecure' : 'verify'}:${ca.length ? createHash('sha256').update(ca.join('\n')).digest('hex') : 'system'}`;
    let agent = agents.get(key);
    if (!agent) {
      agent = new Agent({
        keepAliveTimeout: 30_000,
        connections: 16,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        connect: {
          timeout: Math.min(timeoutMs, 10_000),
          rejectUnauthorized: !insecure,
          // Extra CAs are added to the system roots so redirects to public object storage still verify.
          ...(ca.length ? { ca: [...rootCertificates, ...ca] } : {}),
        },
      });
      agents.set(key, agent);
    }
    return agent;
  }

  async function sendOnce(
    req: TransportRequest,
    dispatcher: Dispatcher,
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: RequestBody | undefined,
  ): Promise<TransportResponse> {
    // Open a stream body first: a source that fails to open is its own error, not this request's.
    let payload: Uint8Array | Readable | undefined =
      typeof body === 'function' ? await body() : body;
    const limit = req.timeoutMs ?? timeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(
      () =>
        timeout.abort(new AppError('TIMEOUT', `No answer within ${limit} ms`, { retryable: true })),
      limit,
    );
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    const started = performance.now();
    const report = (status: number | undefined, error?: string) =>
      options.onRequest?.({
        method,
        url: redactUrl(url.toString()),
        status,
        durationMs: Math.round(performance.now() - started),
        registry: req.registry,
        ...(error ? { error } : {}),
      });
    try {
      if (payload instanceof Uint8Array && payload.length > BUFFER_STREAM_THRESHOLD)
        payload = chunked(payload);
      // The timer measures inactivity: every chunk of a streamed upload restarts it.
      if (payload instanceof Readable) payload = touching(payload, () => timer.refresh());
      const res = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        body: payload ?? null,
        signal,
      });
      clearTimeout(timer);
      report(res.statusCode);
      return wrapResponse(res, {
        url,
        method,
        ...(req.maxBodyBytes !== undefined ? { maxBodyBytes: req.maxBodyBytes } : {}),
        ...(req.notFound ? { notFound: req.notFound } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
    } catch (err) {
      clearTimeout(timer);
      const mapped = mapNetworkError(err, {
        method,
        url,
        timeoutSignal: timeout.signal,
        ...(req.signal ? { signal: req.signal } : {}),
      });
      report(undefined, mapped.code);
      throw mapped;
    }
  }

  async function sendFollowingRedirects(
    req: TransportRequest,
    s: RegistrySettings,
  ): Promise<TransportResponse> {
    const dispatcher = agentFor(s);
    let url = initialUrl(req, s);
    let method = req.method.toUpperCase();
    let body = req.body;
    const headers: Record<string, string> = { 'user-agent': userAgent };
    for (const [k, v] of Object.entries(req.headers ?? {}))
      if (v !== undefined) headers[k.toLowerCase()] = v;
    for (let hop = 0; ; hop++) {
      const res = await sendOnce(req, dispatcher, url, method, headers, body);
      const location = res.headers.get('location');
      if (req.followRedirects === false || !REDIRECT_STATUSES.has(res.status) || !location)
        return res;
      await res.dump();
      if (hop >= maxRedirects) {
        throw new AppError('INVALID_RESPONSE', `More than ${maxRedirects} redirects`, {
          method,
          url: url.toString(),
        });
      }
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new AppError(
          'INVALID_RESPONSE',
          `Redirect to unsupported URL scheme ${next.protocol}`,
          {
            method,
            url: url.toString(),
          },
        );
      }
      // Credentials never follow a redirect to another host (object storage, CDNs).
      if (next.origin !== url.origin) delete headers.authorization;
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        delete headers['content-type'];
        delete headers['content-length'];
      } else if (!isReplayableBody(body)) {
        throw new AppError('INVALID_RESPONSE', 'The registry redirected a streamed upload', {
          method,
          url: url.toString(),
        });
      }
      url = next;
    }
  }

  async function request(req: TransportRequest): Promise<TransportResponse> {
    const s = settings(req.registry);
    const method = req.method.toUpperCase();
    const canRetry =
      (method === 'GET' || method === 'HEAD' || req.idempotent === true) &&
      isReplayableBody(req.body);
    let res: TransportResponse | undefined;
    for (let attempt = 0; ; attempt++) {
      const more = canRetry && attempt < retries;
      try {
        res = await sendFollowingRedirects(req, s);
      } catch (err) {
        if (more && isAppError(err) && err.retryable) {
          await sleep(backoff(attempt), req.signal);
          continue;
        }
        throw err;
      }
      if (more && isRetryableStatus(res.status)) {
        const wait =
          parseRetryAfter(res.headers.get('retry-after'), maxRetryDelayMs) ?? backoff(attempt);
        await res.dump();
        await sleep(wait, req.signal);
        continue;
      }
      break;
    }
    if (req.expectStatus !== undefined && !statusMatches(res.status, req.expectStatus))
      throw await res.toError();
    return res;
  }

  function backoff(attempt: number): number {
    const exp = retryBaseMs * 2 ** attempt;
    return Math.min(maxRetryDelayMs, exp / 2 + Math.random() * (exp / 2));
  }

  function initialUrl(req: TransportRequest, s: RegistrySettings): URL {
    const base = registryBaseUrl(s);
    const target =
      req.url !== undefined ? new URL(req.url, base) : new URL(req.path ?? '/v2/', base);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new AppError('INVALID_RESPONSE', `Unsupported URL scheme ${target.protocol}`);
    }
    return target;
  }

  return {
    request,
    settings,
    baseUrl: (registry) => registryBaseUrl(settings(registry)),
    async close() {
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((a) => a.close()));
    },
  };
}

/** Returns true when `status` is (one of) the expected status(es). */
export function statusMatches(status: number, expect: number | readonly number[]): boolean {
  return typeof expect === 'number' ? status === expect : expect.includes(status);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('ABORTED', 'The request was cancelled'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError('ABORTED', 'The request was cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
