import { LRUCache } from 'lru-cache';

import { AppError } from '@/lib/errors';
import {
  checkRealm,
  isReplayableBody,
  registryBaseUrl,
  statusMatches,
  type RegistryCredentials,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '../transport';
import { insufficientScope, parseWwwAuthenticate, resolveRealm, type Challenge } from './challenge';
import { TokenCache, credentialsId, fetchToken, mergeScopes } from './token';

/** Returns the credentials to use for a registry (and optionally a repository), or undefined. */
export type CredentialsProvider = (
  registry: string,
  repository?: string,
) => RegistryCredentials | undefined | Promise<RegistryCredentials | undefined>;

/** A transport request plus what it needs to be authorised. */
export interface AuthRequest extends TransportRequest {
  /** Token scopes this request needs, e.g. `repository:demo/app:pull`. */
  scopes?: readonly string[];
  /** Repository the request is about (for namespaced credentials). */
  repository?: string;
}

/** What the registry asked for the last time it challenged us. */
export type AuthState =
  { scheme: 'none' } | { scheme: 'basic' } | { scheme: 'bearer'; realm: string; service?: string };

export interface AuthenticatorOptions {
  transport: Transport;
  /** Consulted when the registry's settings carry no credentials. */
  credentials?: CredentialsProvider;
  now?: () => number;
}

export interface Authenticator {
  /**
   * Returns the response, answering Basic or Bearer challenges on the way; throws UNAUTHORIZED
   * when the registry still refuses, DENIED when accepted credentials lack the scope
   * (insufficient_scope), or the mapped error when `expectStatus` does not match.
   */
  request(req: AuthRequest): Promise<TransportResponse>;
  /** Returns the credentials that apply to the registry (and repository), if any. */
  credentialsFor(registry: string, repository?: string): Promise<RegistryCredentials | undefined>;
  /** Returns what the registry last asked for, or undefined before its first challenge. */
  state(registry: string): AuthState | undefined;
  /** Forgets tokens and learned challenges. */
  clear(): void;
}

const CREDENTIALS_TTL_MS = 60_000;
const MAX_CHALLENGE_ROUNDS = 2;

/** What every request of one authenticator shares: tokens per scope set and learned challenges. */
interface AuthCore {
  transport: AuthenticatorOptions['transport'];
  tokens: TokenCache;
  states: Map<string, AuthState>;
}

function bearerToken(
  core: AuthCore,
  registry: string,
  state: { realm: string; service?: string },
  scopes: readonly string[],
  credentials: RegistryCredentials | undefined,
  signal: AbortSignal | undefined,
): Promise<string> {
  return core.tokens.get(registry, credentialsId(credentials), scopes, () =>
    fetchToken(core.transport, {
      registry,
      realm: state.realm,
      service: state.service,
      scopes,
      credentials,
      signal,
    }),
  );
}

/** Returns the authorization to send before any challenge, from what the registry asked last time. */
async function preemptive(
  core: AuthCore,
  registry: string,
  scopes: readonly string[],
  credentials: RegistryCredentials | undefined,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const state = core.states.get(registry);
  if (state?.scheme === 'basic') return basicHeader(credentials);
  if (state?.scheme !== 'bearer') return undefined;
  const cached = core.tokens.find(registry, credentialsId(credentials), scopes);
  if (cached) return `Bearer ${cached}`;
  return `Bearer ${await bearerToken(core, registry, state, scopes, credentials, signal)}`;
}

/** One request's exchange with the registry: where it goes and what it has sent so far. */
interface Exchange {
  req: AuthRequest;
  base: URL;
  target: URL;
  credentials: RegistryCredentials | undefined;
  scopes: string[];
  authorization: string | undefined;
}

/**
 * Returns the authorization that answers a 401's challenge (Bearer: a token for the grown scopes
 * from a realm that passed checkRealm; Basic: the credentials), or undefined when there is none.
 */
async function answerChallenge(
  core: AuthCore,
  x: Exchange,
  res: TransportResponse,
): Promise<string | undefined> {
  const header = res.headers.get('www-authenticate');
  const challenges: Challenge[] = header ? parseWwwAuthenticate(header) : [];
  const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
  const basic = challenges.find((c) => c.scheme === 'basic');
  const registry = x.req.registry;
  if (bearer?.params.realm) {
    const realm = new URL(resolveRealm(bearer.params.realm, x.target.toString()));
    // Refused before it is remembered: a bad realm never receives a credential.
    checkRealm(x.base, realm, core.transport.isConfigured(realm.host));
    const state = {
      scheme: 'bearer' as const,
      realm: realm.toString(),
      ...(bearer.params.service !== undefined ? { service: bearer.params.service } : {}),
    };
    core.states.set(registry, state);
    const challenged = (bearer.params.scope ?? '').split(' ').filter(Boolean);
    x.scopes = mergeScopes([...x.scopes, ...challenged]);
    // The token we sent was refused: expired, revoked, or too narrow (then the scopes grew).
    if (x.authorization?.startsWith('Bearer ')) core.tokens.invalidate(x.authorization.slice(7));
    const token = await bearerToken(core, registry, state, x.scopes, x.credentials, x.req.signal);
    return `Bearer ${token}`;
  }
  if (basic) {
    core.states.set(registry, { scheme: 'basic' });
    return basicHeader(x.credentials);
  }
  return undefined;
}

async function authenticatedRequest(
  core: AuthCore,
  req: AuthRequest,
  credentialsFor: Authenticator['credentialsFor'],
): Promise<TransportResponse> {
  const { transport } = core;
  const base = registryBaseUrl(transport.settings(req.registry));
  const target = new URL(req.url ?? req.path ?? '/v2/', base);
  const { expectStatus, scopes: wanted = [], repository: _repository, ...rest } = req;
  // Requests to other hosts (upload locations elsewhere, object storage) never carry our auth.
  if (target.origin !== base.origin) return finish(await transport.request(rest), expectStatus);

  const credentials = await credentialsFor(req.registry, req.repository);
  const scopes = mergeScopes(wanted);
  const authorization = await preemptive(core, req.registry, scopes, credentials, req.signal);
  const x: Exchange = { req, base, target, credentials, scopes, authorization };
  const send = (auth: string | undefined) =>
    transport.request({ ...rest, headers: { ...rest.headers, authorization: auth } });
  let res = await send(x.authorization);

  for (let round = 0; res.status === 401 && round < MAX_CHALLENGE_ROUNDS; round++) {
    if (!isReplayableBody(req.body)) break;
    // Only the registry's own origin may ask for its credentials: a 401 from a host it
    // redirected to is that host's business (its realm would receive this registry's secrets).
    if (new URL(res.url).origin !== base.origin) break;
    const next = await answerChallenge(core, x, res);
    if (next === undefined || next === x.authorization) break;
    x.authorization = next;
    await res.dump();
    res = await send(x.authorization);
  }

  if (res.status === 401)
    throw await unauthorized(res, req, base, credentials !== undefined, x.scopes);
  if (!core.states.has(req.registry) && res.status < 400)
    core.states.set(req.registry, { scheme: 'none' });
  return finish(res, expectStatus);
}

/** Returns an authenticator that keeps bearer tokens per scope set and shares in-flight token fetches. */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { transport } = options;
  const now = options.now ?? Date.now;
  const core: AuthCore = { transport, tokens: new TokenCache(now), states: new Map() };
  // Keyed per repository too (credential helpers may answer per repository): capped, not grown
  // by every repository ever opened.
  const credentialCache = new LRUCache<
    string,
    { at: number; value: Promise<RegistryCredentials | undefined> }
  >({ max: 1000 });

  function credentialsFor(
    registry: string,
    repository?: string,
  ): Promise<RegistryCredentials | undefined> {
    const configured = transport.settings(registry).credentials;
    if (configured || !options.credentials) return Promise.resolve(configured);
    const key = `${registry}|${repository ?? ''}`;
    const hit = credentialCache.get(key);
    if (hit && now() - hit.at < CREDENTIALS_TTL_MS) return hit.value;
    const provider = options.credentials;
    const value = Promise.resolve().then(() => provider(registry, repository));
    credentialCache.set(key, { at: now(), value });
    value.catch(() => credentialCache.delete(key));
    return value;
  }

  return {
    request: (req) => authenticatedRequest(core, req, credentialsFor),
    credentialsFor,
    state: (registry) => core.states.get(registry),
    clear() {
      core.tokens.clear();
      core.states.clear();
      credentialCache.clear();
    },
  };
}

/** Returns the error for a final 401: refused credentials, missing scope, or a foreign challenge. */
async function unauthorized(
  res: TransportResponse,
  req: AuthRequest,
  base: URL,
  hasCredentials: boolean,
  scopes: readonly string[],
): Promise<AppError> {
  if (new URL(res.url).origin !== base.origin) {
    await res.dump();
    return new AppError(
      'UNAUTHORIZED',
      `${new URL(res.url).host}, where ${req.registry} redirected the request, asked for credentials; Manifold sends ${req.registry}'s credentials only to ${req.registry}`,
      { status: 401, method: req.method, url: res.url },
    );
  }
  const header = res.headers.get('www-authenticate');
  const lacksScope =
    hasCredentials &&
    (header ? parseWwwAuthenticate(header) : []).some((c) => insufficientScope(c));
  const err = await res.toError();
  const registryMessage = err.errors[0]?.message;
  if (lacksScope) {
    // The token server accepted the credentials but granted less than the request needs.
    return new AppError(
      'DENIED',
      `${req.registry} accepted the credentials, but they do not allow this (insufficient_scope; asked for ${scopes.join(' ')})`,
      { status: 401, errors: err.errors, method: err.method, url: err.url },
    );
  }
  return new AppError(
    'UNAUTHORIZED',
    `${hasCredentials ? `${req.registry} rejected the credentials` : `${req.registry} requires credentials`}${
      registryMessage ? ` (${registryMessage})` : ''
    }`,
    { status: 401, errors: err.errors, method: err.method, url: err.url },
  );
}

async function finish(
  res: TransportResponse,
  expectStatus: number | readonly number[] | undefined,
): Promise<TransportResponse> {
  if (expectStatus !== undefined && !statusMatches(res.status, expectStatus))
    throw await res.toError();
  return res;
}

function basicHeader(credentials: RegistryCredentials | undefined): string | undefined {
  if (!credentials || !('username' in credentials)) return undefined;
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
