/**
 * Identities, sessions and tokens from the attacker's side, through the real route handlers and a
 * real OpenID provider: a removed user, stale groups, a token that never expires, an OIDC `alice`
 * posing as the local `alice`, an unverified email, an open redirect after sign-in, and text
 * smuggled into the sign-in page. Each case is one finding of issue 20.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import bcrypt from 'bcryptjs';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { APP_ORIGIN, callApi, codeOf, configure, sessionOf } from '@/test/support/auth-app';
import { loginAtProvider } from '@/test/support/oidc-login';
import { startOidcProvider, type StartedOidcProvider } from '@/test/support/oidc-provider';

vi.mock('server-only', () => ({}));

const PASSWORD = 'correct horse battery staple';
const GROUPS: Record<string, string[]> = { alice: [], eve: ['editors'] };

let dataDir: string;
let hash: string;
let idp: StartedOidcProvider;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-identities-'));
  hash = await bcrypt.hash(PASSWORD, 4);
  idp = await startOidcProvider({
    redirectUris: [`${APP_ORIGIN}/api/auth/oidc/callback`],
    groups: GROUPS,
    claims: {
      mallory: { preferred_username: undefined, email: 'alice@example.com', email_verified: false },
      vicky: { preferred_username: undefined, email: 'vicky@example.com', email_verified: true },
    },
  });
});

afterAll(async () => {
  await idp?.stop();
  const { closeDb } = await import('@/lib/store');
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function config(lines: { users?: string[]; roles?: string[]; auth?: string[] }): string {
  return [
    'auth:',
    ...(lines.auth ?? []),
    '  oidc:',
    `    issuer: "${idp.issuer}"`,
    `    clientId: ${idp.clientId}`,
    `    clientSecret: ${idp.clientSecret}`,
    ...(lines.users ? ['  users:', ...lines.users.map((u) => `    - ${u}`)] : []),
    'roles:',
    '  - { subject: "group:editors", role: editor }',
    ...(lines.roles ?? []).map((r) => `  - ${r}`),
    '',
  ].join('\n');
}

const user = (name: string, extra = '') => `{ name: ${name}, passwordHash: "${hash}"${extra} }`;

async function signIn(name: string, peer = '192.0.2.1'): Promise<string> {
  return sessionOf(
    await callApi('POST', 'auth/sign-in', { peer, body: { name, password: PASSWORD } }),
  );
}

async function newToken(cookie: string, role = 'editor', expiresInDays: unknown = 30) {
  const res = await callApi('POST', 'tokens', { cookie, body: { name: 't', role, expiresInDays } });
  return {
    res,
    body: (await res.clone().json()) as { secret: string; token: { id: string; userName: string } },
  };
}

/** Signs `login` in through the provider; returns the callback's answer. */
async function oidcSignIn(login: string, next = '/'): Promise<Response> {
  const start = await callApi('GET', 'auth/oidc/start', {
    query: `?next=${encodeURIComponent(next)}`,
  });
  expect(start.status).toBe(303);
  const pending = start.headers.getSetCookie()[0]!.split(';')[0]!;
  const back = await loginAtProvider(start.headers.get('location')!, login);
  const { GET } = await import('@/app/api/auth/oidc/callback/route');
  const url = new URL(back);
  return GET(
    new NextRequest(new URL(`${url.pathname}${url.search}`, APP_ORIGIN), {
      headers: { host: '127.0.0.1:3000', cookie: pending },
    }),
  );
}

const createDraft = (c: { cookie?: string; bearer?: string }) =>
  callApi('POST', 'drafts', { ...c, body: { name: 'identities' } });

describe('sessions and tokens follow the configuration as it is now', () => {
  it('a user removed from the config loses their session and tokens after a restart', async () => {
    configure(
      dataDir,
      config({ users: [user('ed', ', role: editor'), user('vera', ', role: editor')] }),
    );
    const ed = await signIn('ed');
    const vera = await signIn('vera');
    const { body: token } = await newToken(ed);
    expect((await createDraft({ bearer: token.secret })).status).toBe(201);

    configure(dataDir, config({ users: [user('vera', ', role: editor')] }));
    expect((await createDraft({ cookie: ed })).status).toBe(401);
    expect((await createDraft({ bearer: token.secret })).status).toBe(401);
    expect((await callApi('GET', 'tokens', { cookie: ed })).status).toBe(401);
    expect((await createDraft({ cookie: vera })).status).toBe(201); // the others stay signed in
  });

  it('a user whose groups no longer grant a role loses it at once, session and tokens alike', async () => {
    configure(dataDir, config({ users: [user('gus', ', groups: [editors]')] }));
    const gus = await signIn('gus');
    const { body: token } = await newToken(gus);
    expect((await createDraft({ cookie: gus })).status).toBe(201);

    configure(dataDir, config({ users: [user('gus', ', groups: [readers]')] }));
    const bySession = await createDraft({ cookie: gus });
    expect([bySession.status, await codeOf(bySession)]).toEqual([403, 'FORBIDDEN']);
    const byToken = await createDraft({ bearer: token.secret });
    expect([byToken.status, await codeOf(byToken)]).toEqual([403, 'FORBIDDEN']);
  });

  it('refuses a token without expiry or past the 90-day default, and ends old ones at the limit', async () => {
    configure(dataDir, config({ users: [user('ed', ', role: editor')] }));
    const ed = await signIn('ed');
    for (const days of [null, 91, 3650]) {
      const { res } = await newToken(ed, 'editor', days);
      expect([days, res.status, await codeOf(res)]).toEqual([days, 400, 'VALIDATION']);
    }
    const { res, body } = await newToken(ed, 'editor', 90);
    expect(res.status).toBe(201);
    // A token from before the limit: no expiry, made 100 days ago.
    const { getDb } = await import('@/lib/store');
    getDb()
      .prepare('UPDATE tokens SET expires_at = NULL, created_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 100 * 86_400_000).toISOString(), body.token.id);
    const old = await createDraft({ bearer: body.secret });
    expect([old.status, await codeOf(old)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('takes a shorter auth.tokenMaxLifetime from the config', async () => {
    const users = [user('ed', ', role: editor')];
    configure(dataDir, config({ auth: ['  tokenMaxLifetime: 30d'], users }));
    const ed = await signIn('ed');
    const { res } = await newToken(ed, 'editor', 31);
    expect([res.status, await codeOf(res)]).toEqual([400, 'VALIDATION']);
    const made = await newToken(ed, 'editor', 30);
    expect(made.res.status).toBe(201);
    const { token } = (await made.res.json()) as { token: { expiresAt: string } };
    const expires = Date.parse(token.expiresAt);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
  });

  it('an admin everywhere ends every session and token of a user at once; others may not', async () => {
    configure(
      dataDir,
      config({
        users: [user('ada', ', role: admin'), user('val', ', role: editor'), user('rex')],
        roles: ['{ subject: "user:local:rex", role: admin, registry: "reg.example.com" }'],
      }),
    );
    const val = await signIn('val');
    const { body: token } = await newToken(val);
    const target = { params: { id: 'local:val' } };
    const byRex = await callApi('DELETE', 'users/[id]/sessions', {
      ...target,
      cookie: await signIn('rex'),
    });
    expect([byRex.status, await codeOf(byRex)]).toEqual([403, 'FORBIDDEN']);
    expect((await createDraft({ cookie: val })).status).toBe(201);
    // What the admins' Users page lists for val.
    const { getConfig } = await import('@/lib/config');
    const { signInHolders } = await import('@/lib/auth/revoke-user');
    const listed = () => signInHolders(getConfig()).find((u) => u.id === 'local:val');
    expect(listed()).toEqual({
      id: 'local:val',
      name: 'val',
      via: 'password',
      sessions: 1,
      tokens: 1,
    });
    const byAda = await callApi('DELETE', 'users/[id]/sessions', {
      ...target,
      cookie: await signIn('ada'),
    });
    expect([byAda.status, await byAda.json()]).toEqual([
      200,
      { user: 'local:val', sessions: 1, tokens: 1 },
    ]);
    expect((await createDraft({ cookie: val })).status).toBe(401);
    expect((await createDraft({ bearer: token.secret })).status).toBe(401);
    expect(listed()).toMatchObject({ sessions: 0, tokens: 0 });
  });
});

describe('identities of different sign-in methods never merge', () => {
  it('an OIDC alice neither sees nor revokes the local alice’s tokens, nor gets her grants', async () => {
    const everyone = ['{ subject: "*", role: viewer }'];
    configure(dataDir, config({ users: [user('alice', ', role: admin')], roles: everyone }));
    const local = await signIn('alice');
    const { body: token } = await newToken(local, 'admin');
    const callback = await oidcSignIn('alice');
    expect(callback.status).toBe(303);
    const oidc = sessionOf(new Response(null, { status: 200, headers: callback.headers }));
    const listed = (await (await callApi('GET', 'tokens', { cookie: oidc })).json()) as {
      tokens: { id: string }[];
    };
    expect(listed.tokens.map((t) => t.id)).not.toContain(token.token.id);
    const revoke = await callApi('DELETE', 'tokens/[id]', {
      cookie: oidc,
      params: { id: token.token.id },
    });
    expect(revoke.status).toBe(404);
    const write = await createDraft({ cookie: oidc });
    expect([write.status, await codeOf(write)]).toEqual([403, 'FORBIDDEN']);
    expect((await createDraft({ bearer: token.secret })).status).toBe(201); // still the local alice's
  });

  it('takes the email as the name only when the provider says it is verified', async () => {
    configure(dataDir, config({ roles: ['{ subject: "*", role: viewer }'] }));
    const asName = async (login: string) => {
      const res = await oidcSignIn(login);
      const cookie = sessionOf(new Response(null, { status: 200, headers: res.headers }));
      return (await newToken(cookie, 'viewer')).body.token.userName;
    };
    expect(await asName('mallory')).toBe('mallory'); // the `sub`, not someone else's address
    expect(await asName('vicky')).toBe('vicky@example.com');
  });

  it('an OIDC user’s tokens follow the groups of their latest sign-in', async () => {
    configure(dataDir, config({}));
    const first = await oidcSignIn('eve');
    const eve = sessionOf(new Response(null, { status: 200, headers: first.headers }));
    const { body: token } = await newToken(eve);
    expect((await createDraft({ bearer: token.secret })).status).toBe(201);
    GROUPS.eve = [];
    await oidcSignIn('eve');
    expect((await createDraft({ bearer: token.secret })).status).toBe(403);
    expect((await createDraft({ cookie: eve })).status).toBe(403);
  });
});

describe('after signing in', () => {
  it('goes only to a path of this origin, whatever `next` says (OIDC as password sign-in)', async () => {
    configure(dataDir, config({}));
    for (const next of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\\evil.example',
      '//evil.example',
    ])
      expect([next, (await oidcSignIn('alice', next)).headers.get('location')]).toEqual([
        next,
        '/',
      ]);
    expect((await oidcSignIn('alice', '/images?ref=a#b')).headers.get('location')).toBe(
      '/images?ref=a#b',
    );
  });

  it('sends a failed sign-in back with an error code, never text', async () => {
    configure(dataDir, config({}));
    const { GET } = await import('@/app/api/auth/oidc/callback/route');
    const res = await GET(
      new NextRequest(new URL('/api/auth/oidc/callback?code=x&state=y', APP_ORIGIN), {
        headers: { host: '127.0.0.1:3000' },
      }),
    );
    expect([res.status, res.headers.get('location')]).toEqual([303, '/sign-in?error=sso-expired']);
  });
});
