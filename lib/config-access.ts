import fs from 'node:fs';
import path from 'node:path';

import type { z } from 'zod';

import { AppError } from '@/lib/errors';

import type { authObjectSchema, oidcSchema} from './config-access-schema';
import { type AccessFile, type Role } from './config-access-schema';

export { accessFileShape, ROLES, type AccessFile, type Role } from './config-access-schema';

/**
 * The access part of the configuration: who may sign in and how (`auth`), what each one may do
 * (`roles`), which Host names the server answers to, and read-only mode. lib/config.ts validates
 * the file with the schemas of config-access-schema.ts and calls toAccessConfig; nothing here
 * reads `process.env` itself.
 */

export interface RoleGrant {
  subject: string;
  role: Role;
  registry?: string;
  repository?: string;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  groupsClaim: string;
  usernameClaim?: string;
  name: string;
}

export interface ProxyAuthConfig {
  userHeader: string;
  groupsHeader?: string;
  trustedAddresses: string[];
}

export interface LocalUser {
  name: string;
  passwordHash: string;
  groups: string[];
}

export interface AuthConfig {
  oidc?: OidcConfig;
  proxy?: ProxyAuthConfig;
  users: LocalUser[];
  tokens: boolean;
  sessionTtlSeconds: number;
  /** The longest lifetime of an API token, in seconds. */
  tokenMaxLifetimeSeconds: number;
}

export interface AccessConfig {
  /** undefined: one person on this machine (loopback only); 'none': knowingly no sign-in. */
  auth: AuthConfig | 'none' | undefined;
  readOnly: boolean;
  /** The origin users reach Manifold at, e.g. `https://manifold.example.com`. */
  publicUrl?: string;
  /** Host names (with optional port) requests may carry besides publicUrl's and loopback. */
  allowedHosts: string[];
  roles: RoleGrant[];
  /** The address `npm start` binds (set by scripts/start.mjs), when started through it. */
  listenHost?: string;
  /** True when scripts/start.mjs stamps each request with its peer address (x-manifold-peer). */
  peerHeaderTrusted: boolean;
  /** Addresses of reverse proxies (`trustedProxies` and `auth.proxy.trustedAddresses`). */
  trustedProxies: string[];
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function seconds(value: number | string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  return Number(value.slice(0, -1)) * (DURATION_UNITS[value.slice(-1)] ?? 1);
}

function accessError(key: string, reason: string): AppError<'CONFIG'> {
  return new AppError('CONFIG', `Invalid configuration: ${key}: ${reason}`, {
    details: { key, value: '(see the file)' },
  });
}

function clientSecret(
  o: z.output<typeof oidcSchema>,
  env: Record<string, string | undefined>,
  baseDir: string,
): string | undefined {
  if (o.clientSecretEnv) {
    const v = env[o.clientSecretEnv];
    if (v === undefined)
      throw accessError('auth.oidc.clientSecretEnv', `${o.clientSecretEnv} is not set`);
    return v;
  }
  if (o.clientSecretFile) {
    try {
      return fs
        .readFileSync(path.resolve(/*turbopackIgnore: true*/ baseDir, o.clientSecretFile), 'utf8')
        .trim();
    } catch (err) {
      throw accessError('auth.oidc.clientSecretFile', `cannot read it (${(err as Error).message})`);
    }
  }
  return o.clientSecret;
}

function tokenMaxLifetime(value: number | string | undefined): number {
  const s = seconds(value, 90 * 86400);
  if (s < 86400) throw accessError('auth.tokenMaxLifetime', 'must be at least 1d (one day)');
  return s;
}

function toAuth(
  a: z.output<typeof authObjectSchema>,
  env: Record<string, string | undefined>,
  baseDir: string,
): AuthConfig {
  const o = a.oidc;
  if (o && new URL(o.issuer).protocol === 'http:' && !isLoopbackName(new URL(o.issuer).hostname))
    throw accessError('auth.oidc.issuer', 'must be https:// (plain http only on loopback)');
  const secret = o ? clientSecret(o, env, baseDir) : undefined;
  return {
    ...(o
      ? {
          oidc: {
            issuer: o.issuer,
            clientId: o.clientId,
            ...(secret !== undefined ? { clientSecret: secret } : {}),
            scopes: o.scopes ?? 'openid profile email groups',
            groupsClaim: o.groupsClaim ?? 'groups',
            ...(o.usernameClaim ? { usernameClaim: o.usernameClaim } : {}),
            name: o.name ?? 'single sign-on',
          },
        }
      : {}),
    ...(a.proxy ? { proxy: a.proxy } : {}),
    users: (a.users ?? []).map((u) => ({
      name: u.name,
      passwordHash: u.passwordHash,
      groups: u.groups ?? [],
    })),
    tokens: a.tokens ?? true,
    sessionTtlSeconds: seconds(a.sessionTtl, 12 * 3600),
    tokenMaxLifetimeSeconds: tokenMaxLifetime(a.tokenMaxLifetime),
  };
}

/** Returns true for `localhost`, `127.x.x.x` and `::1` (with or without brackets). */
export function isLoopbackName(name: string): boolean {
  const n = name.replace(/^\[|\]$/g, '').toLowerCase();
  return n === 'localhost' || n === '::1' || /^127\.\d+\.\d+\.\d+$/.test(n);
}

/** Returns the access settings from the file part and the environment; throws AppError CONFIG. */
export function toAccessConfig(
  file: AccessFile,
  env: Record<string, string | undefined>,
  baseDir: string,
): AccessConfig {
  const auth = file.auth === 'none' ? 'none' : file.auth && toAuth(file.auth, env, baseDir);
  const readOnlyEnv = env.MANIFOLD_READ_ONLY;
  if (readOnlyEnv !== undefined && !['', '0', '1', 'true', 'false'].includes(readOnlyEnv))
    throw accessError('MANIFOLD_READ_ONLY', 'must be 1 or 0');
  // Claim values mapped to roles are groups granted that role everywhere.
  const fromOidc = Object.entries(
    file.auth && file.auth !== 'none' ? (file.auth.oidc?.roles ?? {}) : {},
  ).map(([group, role]) => ({ subject: `group:${group}`, role }));
  const fromUsers =
    file.auth && file.auth !== 'none'
      ? (file.auth.users ?? []).flatMap((u) =>
          u.role ? [{ subject: `user:local:${u.name}`, role: u.role }] : [],
        )
      : [];
  const listenHost = env.MANIFOLD_LISTEN_HOST;
  return {
    auth,
    readOnly: file.readOnly === true || readOnlyEnv === '1' || readOnlyEnv === 'true',
    ...(file.publicUrl ? { publicUrl: new URL(file.publicUrl).origin } : {}),
    allowedHosts: (file.allowedHosts ?? []).map((h) => h.toLowerCase()),
    roles: [...(file.roles ?? []), ...fromOidc, ...fromUsers],
    ...(listenHost ? { listenHost } : {}),
    peerHeaderTrusted: env.MANIFOLD_PEER_HEADER === '1',
    trustedProxies: [
      ...new Set([
        ...(file.trustedProxies ?? []),
        ...(typeof auth === 'object' ? (auth.proxy?.trustedAddresses ?? []) : []),
      ]),
    ],
  };
}

/** Returns true when some sign-in method is configured (OIDC, proxy or local users). */
export function signInConfigured(cfg: Pick<AccessConfig, 'auth'>): boolean {
  return typeof cfg.auth === 'object';
}

/**
 * Returns true for the default instance: no `auth` key at all, one person on loopback. The user's
 * own credential files then apply to any host.
 */
export function singleUserLoopback(cfg: Pick<AccessConfig, 'auth'>): boolean {
  return cfg.auth === undefined;
}

/**
 * Returns the reason Manifold must not listen on `host` with this configuration (an address other
 * than loopback without sign-in), or undefined when it may.
 */
export function listenRefusal(cfg: Pick<AccessConfig, 'auth'>, host: string): string | undefined {
  if (isLoopbackName(host) || signInConfigured(cfg) || cfg.auth === 'none') return undefined;
  return (
    `Manifold would listen on ${host} without sign-in: anyone who can reach that address could use ` +
    'your registry credentials. Configure sign-in (`auth:` with oidc, proxy or users in the ' +
    'MANIFOLD_CONFIG file), or set `auth: none` there if every machine that can reach it is trusted, ' +
    'or listen on 127.0.0.1 (the default).'
  );
}
