import type { Readable } from 'node:stream';

import type { TransportResponse } from './body';
import type { Resolver, SocketConnector } from './connector';
import type { AllowUnconfigured } from './policy';
import type { NotFoundContext } from './response-error';
import type { RequestWait } from './wait';

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

/** Returns the settings of a configured registry, or undefined when it is not configured. */
export type RegistryResolver = (host: string) => RegistrySettings | undefined;

/** A request body: bytes, a one-shot stream, or a factory that can be called again for retries. */
export type RequestBody = Uint8Array | Readable | (() => Readable | Promise<Readable>);

export interface TransportRequest {
  /** Registry host this request belongs to (selects TLS settings and the policy). */
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
  /** Inactivity timeout (ms) for this request. */
  timeoutMs?: number;
  /** Total time (ms) for this request: retries, redirects and reading the body included. */
  deadlineMs?: number;
  /**
   * Bytes this exchange moves (a blob's size): the default deadline grows by the time they take
   * at a floor rate of 256 KiB/s, so a large blob gets longer than a small one, and a page's
   * request stays a page's.
   */
  expectedBytes?: number;
  /** 'token' for bearer token fetches, so observers can count them apart. */
  purpose?: 'token';
}

export interface RequestInfo {
  method: string;
  /** Redacted URL. */
  url: string;
  status: number | undefined;
  durationMs: number;
  registry: string;
  error?: string;
  /** 'token' for bearer token fetches (TransportRequest.purpose). */
  purpose?: 'token';
}

export interface TransportOptions {
  /** Configured registries; any other host is subject to `allowUnconfigured`. */
  registries: RegistryResolver;
  /** Hosts besides the configured registries that may be contacted (default false: none). */
  allowUnconfigured?: AllowUnconfigured;
  /** This machine's own addresses, refused like loopback unless configured. */
  ownAddresses?: ReadonlySet<string>;
  /** Name resolution (default: the system resolver); tests inject their own. */
  resolve?: Resolver;
  /** Opens the socket to an allowed address (default: undici's connector); tests inject their own. */
  connectSocket?: (tls: TlsSettings) => SocketConnector;
  userAgent?: string;
  /** Inactivity timeout per request (ms): connect, waiting for headers, between body chunks. */
  timeoutMs?: number;
  /**
   * Default total deadline per request (ms), its body included. A function is asked at each
   * request, so the caller's context can decide: a page waits seconds, a job minutes.
   */
  deadlineMs?: number | (() => number);
  /** Called while a request waits for its answer: every `waitNoticeMs`, then once when it ends. */
  onWaiting?: (wait: RequestWait) => void;
  /** How often a waiting request is reported to `onWaiting` (ms, default 5000). */
  waitNoticeMs?: number;
  /** Retries for idempotent requests after network errors, 5xx, 408 and 429. */
  retries?: number;
  /** Base delay of the exponential backoff (ms). */
  retryBaseMs?: number;
  /** Cap for any single wait between retries, including Retry-After (ms). */
  maxRetryDelayMs?: number;
  maxRedirects?: number;
  /** Concurrent connections per origin (the per-registry concurrency cap; default 16: a 16-platform list in one wave). */
  connectionsPerOrigin?: number;
  /** Called once per HTTP exchange (each retry, redirect and token request counts). */
  onRequest?: (info: RequestInfo) => void;
}

/** TLS settings of one origin's agent. */
export interface TlsSettings {
  rejectUnauthorized: boolean;
  /** Trusted CAs (system roots plus the registry's own), when it has its own. */
  ca?: string[];
  timeout: number;
}

export interface Transport {
  /** Returns the response; throws an AppError on network errors, timeouts, refusals or an unexpected status. */
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Returns the settings for a registry; throws REGISTRY_NOT_ALLOWED when it may not be contacted. */
  settings(registry: string): RegistrySettings;
  /** Returns true when `host` is a configured registry. */
  isConfigured(host: string): boolean;
  /** Returns the API base URL of a registry, e.g. `https://registry-1.docker.io`. */
  baseUrl(registry: string): URL;
  /** Closes every connection pool. */
  close(): Promise<void>;
}
