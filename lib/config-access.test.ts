import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { isAppError } from '@/lib/errors';

import { listenRefusal, loadConfig, signInConfigured, singleUserLoopback } from './config';

const HASH = '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Zr5qEx6n9oXy4aEGp7e1mT0m0t3Viu';

function withFile(text: string, env: Record<string, string> = {}): ReturnType<typeof loadConfig> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-access-'));
  const file = path.join(dir, 'manifold.yaml');
  fs.writeFileSync(file, text);
  return loadConfig({ MANIFOLD_CONFIG: file, ...env });
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return err.message;
  }
  return 'no error';
}

describe('access configuration', () => {
  it('defaults to one person on loopback: no sign-in, writes allowed', () => {
    const cfg = loadConfig({});
    expect(singleUserLoopback(cfg)).toBe(true);
    expect(signInConfigured(cfg)).toBe(false);
    expect(cfg.readOnly).toBe(false);
    expect(cfg.peerHeaderTrusted).toBe(false);
  });

  it('reads auth, roles, readOnly, publicUrl and allowedHosts; OIDC claim values and users become grants', () => {
    const cfg = withFile(
      [
        'publicUrl: https://manifold.example.com/some/path',
        'allowedHosts: [Manifold.LAN]',
        'readOnly: true',
        'auth:',
        '  sessionTtl: 2h',
        '  oidc:',
        '    issuer: https://idp.example.com/realms/x',
        '    clientId: manifold',
        '    clientSecretEnv: OIDC_SECRET',
        '    roles: { platform-admins: admin }',
        '  users:',
        `    - { name: alice, passwordHash: "${HASH}", role: editor, groups: [ops] }`,
        'roles:',
        '  - { subject: "group:team-a", role: editor, registry: reg.example.com, repository: "team-a/*" }',
      ].join('\n'),
      { OIDC_SECRET: 's3cret' },
    );
    expect(signInConfigured(cfg)).toBe(true);
    expect(cfg.publicUrl).toBe('https://manifold.example.com');
    expect(cfg.allowedHosts).toEqual(['manifold.lan']);
    expect(cfg.readOnly).toBe(true);
    const auth = cfg.auth as Exclude<typeof cfg.auth, string | undefined>;
    expect(auth.sessionTtlSeconds).toBe(7200);
    expect(auth.oidc?.clientSecret).toBe('s3cret');
    expect(auth.oidc?.groupsClaim).toBe('groups');
    expect(auth.users[0]?.groups).toEqual(['ops']);
    expect(cfg.roles).toEqual([
      {
        subject: 'group:team-a',
        role: 'editor',
        registry: 'reg.example.com',
        repository: 'team-a/*',
      },
      { subject: 'group:platform-admins', role: 'admin' },
      { subject: 'user:local:alice', role: 'editor' },
    ]);
  });

  it('takes MANIFOLD_READ_ONLY=1 and auth: none', () => {
    const cfg = withFile('auth: none\n', { MANIFOLD_READ_ONLY: '1' });
    expect(cfg.readOnly).toBe(true);
    expect(cfg.auth).toBe('none');
    expect(signInConfigured(cfg)).toBe(false);
    expect(singleUserLoopback(cfg)).toBe(false);
  });

  it('names the bad setting and never prints a password hash', () => {
    expect(errorOf(() => withFile('auth: {}\n'))).toContain('auth');
    expect(errorOf(() => withFile('auth: {}\n'))).toContain('auth: none');
    const bad = errorOf(() =>
      withFile(`auth:\n  users:\n    - { name: bob, passwordHash: "${HASH.slice(0, 20)}" }\n`),
    );
    expect(bad).toContain('passwordHash');
    expect(bad).not.toContain(HASH.slice(0, 20));
    expect(errorOf(() => withFile('roles:\n  - { subject: "group:x", role: owner }\n'))).toContain(
      'roles.0.role',
    );
    expect(
      errorOf(() => withFile('auth:\n  oidc: { issuer: "http://idp.example.com", clientId: m }\n')),
    ).toContain('must be https://');
    expect(errorOf(() => loadConfig({ MANIFOLD_READ_ONLY: 'yes' }))).toContain(
      'MANIFOLD_READ_ONLY',
    );
  });

  it('refuses a grant subject that does not say how the user signs in (a bare name, user:<name>)', () => {
    for (const subject of ['alice', 'user:alice', 'user:ldap:alice', 'user:local:', 'Group:x']) {
      const msg = errorOf(() => withFile(`roles:\n  - { subject: "${subject}", role: admin }\n`));
      expect([subject, msg]).toEqual([subject, expect.stringContaining('roles.0.subject')]);
      expect(msg).toContain('user:local:<name>');
    }
    for (const subject of ['*', 'group:ops', 'user:local:alice', 'user:proxy:bob', 'user:oidc:42'])
      expect(withFile(`roles:\n  - { subject: "${subject}", role: admin }\n`).roles).toHaveLength(
        1,
      );
  });

  it('takes auth.tokenMaxLifetime (default 90 days) and refuses one under a day', () => {
    const users = `  users:\n    - { name: a, passwordHash: "${HASH}" }\n`;
    const auth = (file: string) =>
      withFile(file).auth as Exclude<ReturnType<typeof loadConfig>['auth'], string | undefined>;
    expect(auth(`auth:\n${users}`).tokenMaxLifetimeSeconds).toBe(90 * 86400);
    expect(auth(`auth:\n  tokenMaxLifetime: 7d\n${users}`).tokenMaxLifetimeSeconds).toBe(7 * 86400);
    expect(errorOf(() => withFile(`auth:\n  tokenMaxLifetime: 12h\n${users}`))).toContain(
      'auth.tokenMaxLifetime',
    );
  });

  it('trusts as proxies `trustedProxies` and the sign-in proxy’s addresses', () => {
    const cfg = withFile(
      [
        'trustedProxies: [10.0.0.2, 10.0.0.3]',
        'auth:',
        '  proxy: { userHeader: X-User, trustedAddresses: [10.0.0.3, 10.0.0.4] }',
        '',
      ].join('\n'),
    );
    expect(cfg.trustedProxies).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4']);
    expect(loadConfig({}).trustedProxies).toEqual([]);
  });

  it('refuses grant and host patterns over the wildcard caps, naming the setting', () => {
    const stars = '*a'.repeat(17);
    const repo = errorOf(() =>
      withFile(`roles:\n  - { subject: "group:x", role: viewer, repository: "${stars}" }\n`),
    );
    expect(repo).toContain('roles.0.repository');
    expect(repo).toContain('at most 16 wildcards');
    expect(errorOf(() => withFile(`allowedHosts: ["${'a'.repeat(300)}"]\n`))).toContain(
      'allowedHosts.0',
    );
  });

  it('refuses to listen beyond loopback without sign-in, unless auth: none', () => {
    expect(listenRefusal({ auth: undefined }, '127.0.0.1')).toBeUndefined();
    expect(listenRefusal({ auth: undefined }, '::1')).toBeUndefined();
    expect(listenRefusal({ auth: undefined }, '0.0.0.0')).toContain('auth: none');
    expect(listenRefusal({ auth: 'none' }, '0.0.0.0')).toBeUndefined();
    const signIn = withFile(`auth:\n  users:\n    - { name: a, passwordHash: "${HASH}" }\n`);
    expect(listenRefusal(signIn, '0.0.0.0')).toBeUndefined();
  });
});
