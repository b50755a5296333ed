/**
 * A Docker token server (distribution `docs/spec/auth/token.md`) for the token-auth registry
 * variant. Tokens are ES256 JWTs whose `x5c` header carries the signing certificate, which the
 * registry checks against `auth.token.rootcertbundle`.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { SignJWT, importPKCS8 } from 'jose';

import { createSigningCertificate } from './tls';

export interface TokenServerOptions {
  /** Directory for the signing key and certificate. */
  dir: string;
  /** username -> password; these get every action they ask for (see readOnlyUsers, catalog). */
  users: Record<string, string>;
  /** Users (also listed in `users`) granted only `pull`, whatever they ask: push gets insufficient_scope. */
  readOnlyUsers?: readonly string[];
  /** Grant `registry:catalog:*` to users (default true). false behaves like Docker Hub and GHCR. */
  catalog?: boolean;
  service?: string;
  issuer?: string;
  host?: string;
  port?: number;
  /** Token lifetime in seconds (default 300). */
  expiresIn?: number;
}

/** One request the token server answered (for assertions). */
export interface TokenRequestRecord {
  method: 'GET' | 'POST';
  /** Authenticated user, or undefined for anonymous. */
  user?: string;
  scopes: string[];
  status: number;
}

export interface StartedTokenServer {
  url: string;
  realm: string;
  service: string;
  issuer: string;
  /** PEM file of the signing certificate (the registry's rootcertbundle). */
  rootCertFile: string;
  tokenRequests(): number;
  requests(): TokenRequestRecord[];
  reset(): void;
  stop(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

/** Returns the parsed `type[(class)]:name:actions` scope, or undefined when malformed. */
export function parseScope(scope: string): Access | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  const type = scope.slice(0, first).replace(/\(.*\)$/, '');
  const name = scope.slice(first + 1, last);
  const actions = scope
    .slice(last + 1)
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return name ? { type, name, actions } : undefined;
}

interface GrantPolicy {
  readOnlyUsers?: readonly string[];
  catalog?: boolean;
}

function grant(scopes: string[], user: string | undefined, policy: GrantPolicy = {}): Access[] {
  const merged = new Map<string, Access>();
  for (const scope of scopes.flatMap((s) => s.split(' ')).filter(Boolean)) {
    const access = parseScope(scope);
    if (!access) continue;
    // Anonymous and read-only callers may pull repositories and nothing else; users get what they
    // ask for, except the catalog when the policy withholds it.
    const pullOnly = !user || (policy.readOnlyUsers ?? []).includes(user);
    const actions =
      access.type === 'repository'
        ? access.actions.filter((a) => !pullOnly || a === 'pull')
        : pullOnly || (access.type === 'registry' && policy.catalog === false)
          ? []
          : access.actions;
    const key = `${access.type}:${access.name}`;
    const existing = merged.get(key);
    if (existing) existing.actions = [...new Set([...existing.actions, ...actions])];
    else merged.set(key, { ...access, actions: [...new Set(actions)] });
  }
  return [...merged.values()];
}

function parseBasic(
  header: string | undefined,
): { user: string; password: string } | undefined | null {
  if (!header) return undefined;
  const m = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * Returns a running token server on a free loopback port (GET /token per the Docker token spec,
 * POST /token with the OAuth2 password and refresh_token grants); throws when it cannot listen.
 */
export async function startTokenServer(options: TokenServerOptions): Promise<StartedTokenServer> {
  const service = options.service ?? 'manifold-test-registry';
  const issuer = options.issuer ?? 'manifold-test-token-server';
  const expiresIn = options.expiresIn ?? 300;
  const signing = await createSigningCertificate(options.dir);
  const key = await importPKCS8(signing.keyPem, 'ES256');
  const refreshTokens = new Map<string, string>();
  let records: TokenRequestRecord[] = [];

  async function issue(
    user: string | undefined,
    scopes: string[],
  ): Promise<{ token: string; issuedAt: string }> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      access: grant(scopes, user, {
        ...(options.readOnlyUsers ? { readOnlyUsers: options.readOnlyUsers } : {}),
        ...(options.catalog !== undefined ? { catalog: options.catalog } : {}),
      }),
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c: [signing.certDerBase64] })
      .setIssuer(issuer)
      .setSubject(user ?? '')
      .setAudience(service)
      .setIssuedAt(now)
      .setNotBefore(now - 1)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(key);
    return { token, issuedAt: new Date(now * 1000).toISOString() };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    if (url.pathname !== '/token') {
      send(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
      return;
    }
    if (req.method === 'GET') {
      const scopes = url.searchParams.getAll('scope');
      const creds = parseBasic(req.headers.authorization);
      const valid = creds ? options.users[creds.user] === creds.password : undefined;
      if (creds === null || valid === false) {
        records.push({ method: 'GET', user: creds?.user, scopes, status: 401 });
        send(
          res,
          401,
          { errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password' }] },
          {
            'WWW-Authenticate': 'Basic realm="manifold-token-server"',
          },
        );
        return;
      }
      const requestedService = url.searchParams.get('service');
      if (requestedService !== null && requestedService !== service) {
        records.push({ method: 'GET', user: creds?.user, scopes, status: 400 });
        send(res, 400, {
          errors: [{ code: 'UNSUPPORTED', message: `unknown service ${requestedService}` }],
        });
        return;
      }
      const { token, issuedAt } = await issue(creds?.user, scopes);
      records.push({ method: 'GET', user: creds?.user, scopes, status: 200 });
      send(res, 200, { token, access_token: token, expires_in: expiresIn, issued_at: issuedAt });
      return;
    }
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      const grantType = form.get('grant_type');
      let user: string | undefined;
      if (grantType === 'password') {
        const name = form.get('username') ?? '';
        if (options.users[name] === undefined || options.users[name] !== form.get('password')) {
          records.push({ method: 'POST', user: name, scopes, status: 401 });
          send(res, 401, {
            error: 'invalid_grant',
            error_description: 'invalid username or password',
          });
          return;
        }
        user = name;
      } else if (grantType === 'refresh_token') {
        user = refreshTokens.get(form.get('refresh_token') ?? '');
        if (user === undefined) {
          records.push({ method: 'POST', scopes, status: 401 });
          send(res, 401, { error: 'invalid_grant', error_description: 'unknown refresh token' });
          return;
        }
      } else {
        records.push({ method: 'POST', scopes, status: 400 });
        send(res, 400, { error: 'unsupported_grant_type' });
        return;
      }
      const { token, issuedAt } = await issue(user, scopes);
      const body: Record<string, unknown> = {
        access_token: token,
        expires_in: expiresIn,
        issued_at: issuedAt,
        scope: scopes.join(' '),
      };
      if (form.get('access_type') === 'offline') {
        const refresh = randomUUID();
        refreshTokens.set(refresh, user);
        body.refresh_token = refresh;
      }
      records.push({ method: 'POST', user, scopes, status: 200 });
      send(res, 200, body);
      return;
    }
    send(res, 405, { errors: [{ code: 'UNSUPPORTED', message: 'method not allowed' }] });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { errors: [{ code: 'UNKNOWN', message: String(err) }] });
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    url,
    realm: `${url}/token`,
    service,
    issuer,
    rootCertFile: signing.certFile,
    tokenRequests: () => records.length,
    requests: () => [...records],
    reset: () => {
      records = [];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
