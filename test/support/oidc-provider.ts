/**
 * A real OpenID provider (panva's oidc-provider) on a free loopback port, for sign-in tests.
 * Its development login form accepts any login name and password; the groups claim of a login
 * comes from the `groups` table given here. Consent is granted automatically (a company IdP
 * that trusts its own Manifold does the same).
 */
import type { Server } from 'node:http';

import { freePort } from './free-port';

export interface StartedOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export interface OidcProviderOptions {
  /** Where Manifold receives the answer: `<origin>/api/auth/oidc/callback`. */
  redirectUris: string[];
  /** login name -> groups claim (read at each sign-in: change it to change a user's groups). */
  groups: Record<string, string[]>;
  /** login name -> further claims (e.g. email, email_verified), or undefined to drop one. */
  claims?: Record<string, Record<string, unknown>>;
  port?: number;
}

interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

interface OidcCtx {
  oidc: {
    client: { clientId: string };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    provider: {
      Grant: (new (init: { clientId: string; accountId: string }) => GrantLike) & {
        find(id: string): Promise<GrantLike | undefined>;
      };
    };
  };
}

/** Returns a started provider; call stop() when done. */
export async function startOidcProvider(opts: OidcProviderOptions): Promise<StartedOidcProvider> {
  const { default: Provider } = (await import('oidc-provider')) as unknown as {
    default: new (
      issuer: string,
      config: Record<string, unknown>,
    ) => {
      listen(port: number, host: string): Server;
    };
  };
  const port = opts.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'manifold';
  const clientSecret = 'manifold-test-secret';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name'],
      groups: ['groups'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'profile', 'email', 'groups'],
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        preferred_username: id,
        name: id,
        groups: opts.groups[id] ?? [],
        ...opts.claims?.[id],
      }),
    }),
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['manifold-test-cookie-key'] },
    async loadExistingGrant(ctx: OidcCtx) {
      const { oidc } = ctx;
      const existing =
        oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (existing) return oidc.provider.Grant.find(existing);
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email groups');
      await grant.save();
      return grant;
    },
  });
  const server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
