import fs from 'node:fs';
import path from 'node:path';

import type { z } from 'zod';

import { AppError } from '@/lib/errors';

import type { AuthConfig, authObjectSchema, oidcSchema } from './config-access';

/**
 * The `auth` part of the config file turned into the AuthConfig the server reads: durations,
 * the OIDC client secret from wherever it is kept, and the defaults.
 */

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function seconds(value: number | string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  return Number(value.slice(0, -1)) * (DURATION_UNITS[value.slice(-1)] ?? 1);
}

/** Returns the CONFIG error of an access setting, naming its key. */
export function accessError(key: string, reason: string): AppError<'CONFIG'> {
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

/** Returns the sign-in settings of a valid `auth` object; throws AppError CONFIG for a bad value. */
export function toAuth(
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
