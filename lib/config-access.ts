import { z } from 'zod';

import { accessError, isLoopbackName, toAuth } from './config-auth';

export { isLoopbackName };
import { globCheck } from '@/lib/glob';

/**
 * The access part of the configuration: who may sign in and how (`auth`), what each one may do
 * (`roles`), which Host names the server answers to, and read-only mode. lib/config.ts validates
 * the file with these schemas and calls toAccessConfig; nothing here reads `process.env` itself.
 */

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const roleSchema = z.enum(ROLES);

const secretFields = {
  clientSecret: z.string().min(1).optional(),
  clientSecretEnv: z.string().min(1).optional(),
  clientSecretFile: z.string().min(1).optional(),
};

export const oidcSchema = z
  .object({
    issuer: z.url(),
    clientId: z.string().min(1),
    ...secretFields,
    /** Default `openid profile email groups`. */
    scopes: z.string().min(1).optional(),
    /** The ID-token / userinfo claim holding the user's groups or roles. Default `groups`. */
    groupsClaim: z.string().min(1).optional(),
    /** The claim naming the user. Default `preferred_username`, then `email`, then `sub`. */
    usernameClaim: z.string().min(1).optional(),
    /** Claim value -> role, everywhere: a shorthand for `roles` grants to `group:<value>`. */
    roles: z.record(z.string().min(1), roleSchema).optional(),
    /** The name on the sign-in button. Default `single sign-on`. */
    name: z.string().min(1).optional(),
  })
  .strict();

const proxySchema = z
  .object({
    userHeader: z.string().min(1),
    groupsHeader: z.string().min(1).optional(),
    /** Source addresses of the proxy; a header from any other address is ignored. */
    trustedAddresses: z.array(z.string().min(1)).min(1),
  })
  .strict();

const userSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only'),
    /** bcrypt (`$2a$`/`$2b$`), as `npm run hash-password` prints it. */
    passwordHash: z.string().regex(/^\$2[aby]\$\d{2}\$.{53}$/, 'must be a bcrypt hash'),
    role: roleSchema.optional(),
    groups: z.array(z.string().min(1)).optional(),
  })
  .strict();

const durationSchema = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+[smhd]$/, 'a number of seconds or a duration such as 12h or 7d'),
]);

export const authObjectSchema = z
  .object({
    oidc: oidcSchema.optional(),
    proxy: proxySchema.optional(),
    users: z.array(userSchema).optional(),
    /** API tokens (`Authorization: Bearer`) for scripts. Default true. */
    tokens: z.boolean().optional(),
    /** How long a sign-in lasts. Default 12h. */
    sessionTtl: durationSchema.optional(),
    /** The longest an API token may live (none lives for ever). Default 90d, at least 1d. */
    tokenMaxLifetime: durationSchema.optional(),
  })
  .strict()
  .refine((a) => a.oidc || a.proxy || (a.users?.length ?? 0) > 0, {
    message: 'name at least one sign-in method (oidc, proxy or users), or write `auth: none`',
  });

/**
 * `user:local:<name>`, `user:proxy:<name>`, `user:oidc:<sub>` (or `<issuer>#<sub>`), `group:<name>`,
 * or `*`. A user is named together with how they sign in, since the same name may belong to
 * different people under different methods; a bare name is refused rather than guessed.
 */
const subjectSchema = z
  .string()
  .regex(
    /^(\*|group:.+|user:(local|proxy|oidc):.+)$/,
    'a subject is `user:local:<name>` (a users entry), `user:proxy:<name>`, `user:oidc:<sub>`, `group:<name>` or `*`',
  );
/** A host or repository pattern (`*` wildcards, any case), capped like every pattern. */
const configPatternSchema = z.string().min(1).superRefine(globCheck('Pattern'));

const grantSchema = z
  .object({
    subject: subjectSchema,
    role: roleSchema,
    /** Registry host pattern (`*` wildcards), e.g. `registry.example.com` or `*.example.com`. */
    registry: configPatternSchema.optional(),
    /** Repository pattern, e.g. `team-a/*`. */
    repository: configPatternSchema.optional(),
  })
  .strict();

/** The keys lib/config.ts adds to its file schema. */
export const accessFileShape = {
  auth: z.union([z.literal('none'), authObjectSchema]).optional(),
  readOnly: z.boolean().optional(),
  publicUrl: z.url().optional(),
  allowedHosts: z.array(configPatternSchema).optional(),
  roles: z.array(grantSchema).optional(),
  /** Reverse proxies whose X-Forwarded-For names the client (sign-in throttling per address). */
  trustedProxies: z.array(z.string().min(1)).optional(),
};

export type AccessFile = {
  [K in keyof typeof accessFileShape]?: z.output<(typeof accessFileShape)[K]>;
};

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
