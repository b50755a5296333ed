import { z } from 'zod';

/**
 * The zod schemas of the access part of the config file (`auth`, `roles`, hosts, read-only).
 * lib/config-access.ts turns what they accept into the AccessConfig the server reads.
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
 * A grant names a user together with how they sign in, since the same name may belong to different
 * people under different methods; a bare name is refused rather than guessed.
 */
const SUBJECT_RE = /^(\*|group:.+|user:(local|proxy|oidc):.+)$/;

const grantSchema = z
  .object({
    /** `user:local:<name>`, `user:proxy:<name>`, `user:oidc:<sub>` (or `<issuer>#<sub>`), `group:<name>`, or `*`. */
    subject: z
      .string()
      .min(1)
      .regex(
        SUBJECT_RE,
        'a subject is `user:local:<name>` (a users entry), `user:proxy:<name>`, `user:oidc:<sub>`, `group:<name>` or `*`',
      ),
    role: roleSchema,
    /** Registry host pattern (`*` wildcards), e.g. `registry.example.com` or `*.example.com`. */
    registry: z.string().min(1).optional(),
    /** Repository pattern, e.g. `team-a/*`. */
    repository: z.string().min(1).optional(),
  })
  .strict();

/** The keys lib/config.ts adds to its file schema. */
export const accessFileShape = {
  auth: z.union([z.literal('none'), authObjectSchema]).optional(),
  readOnly: z.boolean().optional(),
  publicUrl: z.url().optional(),
  allowedHosts: z.array(z.string().min(1)).optional(),
  roles: z.array(grantSchema).optional(),
  /** Reverse proxies whose X-Forwarded-For names the client (sign-in throttling per address). */
  trustedProxies: z.array(z.string().min(1)).optional(),
};

export type AccessFile = {
  [K in keyof typeof accessFileShape]?: z.output<(typeof accessFileShape)[K]>;
};
