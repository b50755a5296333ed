import { createHash } from 'node:crypto';

import { LRUCache } from 'lru-cache';
import { z } from 'zod';

import { AppError, isAppError } from '@/lib/errors';
import type { RegistryCredentials, Transport } from '../transport';

/** Token lifetime when the token server does not say (distribution token spec). */
export const DEFAULT_TOKEN_LIFETIME_S = 60;

/** Returns the scope string for repository access, e.g. `repository:demo/app:pull,push`. */
export function repositoryScope(repository: string, actions: readonly string[]): string {
  return `repository:${repository}:${actions.join(',')}`;
}

/** The scope that lists repositories. */
export const CATALOG_SCOPE = 'registry:catalog:*';

/**
 * Returns the scopes merged per resource (actions united) and sorted, so equal sets give equal
 * cache keys. Resource names may contain ':' (a registry host with a port), so the actions are
 * whatever follows the last ':'.
 */
export function mergeScopes(scopes: Iterable<string>): string[] {
  const byResource = new Map<string, Set<string>>();
  for (const scope of scopes) {
    for (const part of scope.split(' ')) {
      const cut = part.lastIndexOf(':');
      if (cut <= 0) continue;
      const resource = part.slice(0, cut);
      const actions = byResource.get(resource) ?? new Set<string>();
      for (const a of part.slice(cut + 1).split(',')) if (a) actions.add(a);
      byResource.set(resource, actions);
    }
  }
  return [...byResource.entries()]
    .map(([resource, actions]) => `${resource}:${[...actions].sort().join(',')}`)
    .sort();
}

/** Returns true when the scopes in `granted` include every action of every scope in `wanted`. */
export function scopesCover(granted: readonly string[], wanted: readonly string[]): boolean {
  const have = new Map<string, Set<string>>();
  for (const s of mergeScopes(granted)) {
    const cut = s.lastIndexOf(':');
    have.set(s.slice(0, cut), new Set(s.slice(cut + 1).split(',')));
  }
  return mergeScopes(wanted).every((s) => {
    const cut = s.lastIndexOf(':');
    const actions = have.get(s.slice(0, cut));
    return (
      actions !== undefined &&
      s
        .slice(cut + 1)
        .split(',')
        .every((a) => actions.has(a) || actions.has('*'))
    );
  });
}

/** Returns a short, non-reversible id of the credentials (cache keys must not mix identities). */
export function credentialsId(credentials: RegistryCredentials | undefined): string {
  if (!credentials) return 'anonymous';
  const material =
    'identityToken' in credentials
      ? `it:${credentials.identityToken}`
      : `up:${credentials.username}:${credentials.password}`;
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

interface CachedToken {
  token: string;
  scopes: string[];
  expiresAt: number;
}

const TOKEN_CACHE_BYTES = 4 * 1024 * 1024;

/** Bearer tokens per (registry, identity, scope set), with one in-flight fetch per key. */
export class TokenCache {
  // One token per scope set grows with every repository opened; expired ones are only dropped
  // when their registry is asked again, so the cache is capped by the bytes it holds.
  private readonly tokens = new LRUCache<string, CachedToken>({
    maxSize: TOKEN_CACHE_BYTES,
    sizeCalculation: (entry, key) => key.length + entry.token.length + 64,
  });
  private readonly inflight = new Map<string, Promise<CachedToken>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Returns a valid cached token whose scopes cover `scopes`, or undefined. */
  find(registry: string, identity: string, scopes: readonly string[]): string | undefined {
    const prefix = `${registry}|${identity}|`;
    const exact = this.tokens.get(prefix + mergeScopes(scopes).join(' '));
    if (exact && exact.expiresAt > this.now()) return exact.token;
    for (const [key, entry] of this.tokens) {
      if (!key.startsWith(prefix)) continue;
      if (entry.expiresAt <= this.now()) {
        this.tokens.delete(key);
        continue;
      }
      if (scopesCover(entry.scopes, scopes)) return entry.token;
    }
    return undefined;
  }

  /**
   * Returns the token for exactly these scopes: cached, joined to a fetch already running for the
   * same key, or fetched now. `fetcher` returns the token and its lifetime in seconds.
   */
  async get(
    registry: string,
    identity: string,
    scopes: readonly string[],
    fetcher: () => Promise<{ token: string; expiresIn: number }>,
  ): Promise<string> {
    const merged = mergeScopes(scopes);
    const key = `${registry}|${identity}|${merged.join(' ')}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.token;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = fetcher()
        .then(({ token, expiresIn }) => {
          // Renew before the server's clock says the token is dead: 20% of its life, at most 30 s.
          const margin = Math.min(30, expiresIn * 0.2);
          const entry = {
            token,
            scopes: merged,
            expiresAt: this.now() + (expiresIn - margin) * 1000,
          };
          this.tokens.set(key, entry);
          return entry;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return (await pending).token;
  }

  /** Forgets a token the registry refused. */
  invalidate(token: string): void {
    for (const [key, entry] of this.tokens) if (entry.token === token) this.tokens.delete(key);
  }

  /** Forgets every token. */
  clear(): void {
    this.tokens.clear();
  }
}

const tokenResponseSchema = z
  .object({
    token: z.string().optional(),
    access_token: z.string().optional(),
    expires_in: z.number().optional(),
    issued_at: z.string().optional(),
  })
  .loose();

export interface TokenRequest {
  registry: string;
  realm: string;
  service?: string;
  scopes: readonly string[];
  credentials?: RegistryCredentials;
  signal?: AbortSignal;
}

/**
 * Returns a bearer token and its lifetime (s) from the token server named by a challenge's realm;
 * throws UNAUTHORIZED when the server refuses the credentials, INVALID_RESPONSE on a bad answer.
 * Credentials go to the realm only, never to the registry.
 */
export async function fetchToken(
  transport: Transport,
  req: TokenRequest,
): Promise<{ token: string; expiresIn: number }> {
  const url = new URL(req.realm);
  const scopes = mergeScopes(req.scopes);
  const creds = req.credentials;
  const common = {
    registry: req.registry,
    purpose: 'token',
    signal: req.signal,
    maxBodyBytes: 1024 * 1024,
  } as const;
  let res;
  try {
    if (creds && 'identityToken' in creds) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identityToken,
        client_id: 'manifold',
      });
      if (req.service) form.set('service', req.service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      res = await transport.request({
        ...common,
        method: 'POST',
        url: url.toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: Buffer.from(form.toString()),
        idempotent: true,
      });
    } else {
      if (req.service) url.searchParams.set('service', req.service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (creds)
        headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      res = await transport.request({ ...common, method: 'GET', url: url.toString(), headers });
    }
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('NETWORK', `Token request to ${url.host} failed`, {
      cause: err,
      retryable: true,
    });
  }
  if (res.status !== 200) {
    const err = await res.toError();
    if (res.status === 401 || res.status === 403) {
      throw new AppError(
        res.status === 401 ? 'UNAUTHORIZED' : 'DENIED',
        creds
          ? `The token server of ${req.registry} rejected the credentials`
          : `The token server of ${req.registry} requires credentials`,
        { status: res.status, errors: err.errors, method: err.method, url: err.url },
      );
    }
    throw err;
  }
  const parsed = tokenResponseSchema.safeParse(await res.json());
  const token = parsed.success ? (parsed.data.token ?? parsed.data.access_token) : undefined;
  if (!parsed.success || !token) {
    throw new AppError('INVALID_RESPONSE', `The token server of ${req.registry} sent no token`, {
      status: res.status,
      method: creds && 'identityToken' in creds ? 'POST' : 'GET',
      url: url.toString(),
    });
  }
  const expiresIn =
    parsed.data.expires_in && parsed.data.expires_in > 0
      ? parsed.data.expires_in
      : DEFAULT_TOKEN_LIFETIME_S;
  return { token, expiresIn };
}
