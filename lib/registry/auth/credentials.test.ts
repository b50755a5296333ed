import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { credentialFiles, lookupKeys, normaliseAuthKey, resolveCredentials } from './credentials';

let dir: string;
let env: Record<string, string | undefined>;

const b64 = (s: string) => Buffer.from(s).toString('base64');

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value));
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'manifold-creds-'));
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  // A fake credential helper: records its stdin, answers for two servers, fails otherwise.
  await writeFile(
    path.join(bin, 'docker-credential-test'),
    `#!/bin/sh
[ "$1" = get ] || exit 2
read server
echo "$server" >> "${dir}/helper.log"
case "$server" in
  helper.example) echo '{"ServerURL":"helper.example","Username":"helper-user","Secret":"helper-pass"}' ;;
  https://index.docker.io/v1/) echo '{"ServerURL":"x","Username":"<token>","Secret":"hub-identity"}' ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`,
  );
  await chmod(path.join(bin, 'docker-credential-test'), 0o755);
  env = { HOME: path.join(dir, 'home'), PATH: `${bin}:/usr/bin:/bin` };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('key handling', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['https://Quay.io', 'quay.io'],
    ['http://localhost:5000/', 'localhost:5000'],
    ['ghcr.io/org/app', 'ghcr.io/org/app'],
    ['https://registry.example/v2/', 'registry.example'],
  ])('normalises %s to %s', (key, expected) => {
    expect(normaliseAuthKey(key)).toBe(expected);
  });

  it('looks up the most specific namespace first', () => {
    expect(lookupKeys('ghcr.io', 'org/team/app')).toEqual([
      'ghcr.io/org/team/app',
      'ghcr.io/org/team',
      'ghcr.io/org',
      'ghcr.io',
    ]);
  });

  it('orders the files like containers-auth.json(5), Docker last', () => {
    expect(credentialFiles({ HOME: '/h', XDG_RUNTIME_DIR: '/run/u' })).toEqual([
      '/run/u/containers/auth.json',
      '/h/.config/containers/auth.json',
      '/h/.docker/config.json',
    ]);
    expect(
      credentialFiles({ HOME: '/h', REGISTRY_AUTH_FILE: '/a.json', DOCKER_CONFIG: '/d' }),
    ).toEqual(['/a.json', '/d/config.json']);
  });
});

describe('resolveCredentials', () => {
  it('prefers credentials from Manifold config', async () => {
    await writeJson(path.join(dir, 'home/.docker/config.json'), {
      auths: { 'r.example': { auth: b64('file:pass') } },
    });
    expect(
      await resolveCredentials('r.example', {
        env,
        configCredentials: { username: 'cfg', password: 'p' },
      }),
    ).toEqual({
      username: 'cfg',
      password: 'p',
    });
  });

  it('reads base64 auth, username/password and identitytoken entries of Docker config', async () => {
    await writeJson(path.join(dir, 'home/.docker/config.json'), {
      auths: {
        'https://a.example': { auth: b64('alice:pa:ss') },
        'b.example': { username: 'bob', password: 'pw' },
        'c.example': { identitytoken: 'tok' },
        'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
        'empty.example': {},
      },
    });
    expect(await resolveCredentials('a.example', { env })).toEqual({
      username: 'alice',
      password: 'pa:ss',
    });
    expect(await resolveCredentials('b.example', { env })).toEqual({
      username: 'bob',
      password: 'pw',
    });
    expect(await resolveCredentials('c.example', { env })).toEqual({ identityToken: 'tok' });
    expect(await resolveCredentials('docker.io', { env })).toEqual({
      username: 'hubuser',
      password: 'hubpass',
    });
    expect(await resolveCredentials('empty.example', { env })).toBeUndefined();
    expect(await resolveCredentials('unknown.example', { env })).toBeUndefined();
  });

  it('honours DOCKER_CONFIG', async () => {
    await writeJson(path.join(dir, 'elsewhere/config.json'), {
      auths: { 'r.example': { auth: b64('x:y') } },
    });
    expect(
      await resolveCredentials('r.example', {
        env: { ...env, DOCKER_CONFIG: path.join(dir, 'elsewhere') },
      }),
    ).toEqual({
      username: 'x',
      password: 'y',
    });
  });

  it('lets containers auth.json win over Docker config, and the most specific namespace win', async () => {
    await writeJson(path.join(dir, 'home/.docker/config.json'), {
      auths: { 'r.example': { auth: b64('docker:1') } },
    });
    await writeJson(path.join(dir, 'xdg/containers/auth.json'), {
      auths: {
        'r.example': { auth: b64('host:2') },
        'r.example/team': { auth: b64('team:3') },
        'r.example/team/app': { auth: b64('app:4') },
      },
    });
    const e = { ...env, XDG_CONFIG_HOME: path.join(dir, 'xdg') };
    expect(await resolveCredentials('r.example', { env: e })).toEqual({
      username: 'host',
      password: '2',
    });
    expect(await resolveCredentials('r.example', { env: e, repository: 'team/app' })).toEqual({
      username: 'app',
      password: '4',
    });
    expect(await resolveCredentials('r.example', { env: e, repository: 'team/other' })).toEqual({
      username: 'team',
      password: '3',
    });
    expect(await resolveCredentials('r.example', { env: e, repository: 'solo' })).toEqual({
      username: 'host',
      password: '2',
    });
  });

  it('uses REGISTRY_AUTH_FILE instead of the default containers locations', async () => {
    await writeJson(path.join(dir, 'xdg/containers/auth.json'), {
      auths: { 'r.example': { auth: b64('xdg:1') } },
    });
    await writeJson(path.join(dir, 'custom.json'), {
      auths: { 'r.example': { auth: b64('custom:2') } },
    });
    const e = {
      ...env,
      XDG_CONFIG_HOME: path.join(dir, 'xdg'),
      REGISTRY_AUTH_FILE: path.join(dir, 'custom.json'),
    };
    expect(await resolveCredentials('r.example', { env: e })).toEqual({
      username: 'custom',
      password: '2',
    });
  });

  it('runs credHelpers and credsStore helpers with the server URL on stdin', async () => {
    await writeJson(path.join(dir, 'home/.docker/config.json'), {
      credHelpers: { 'helper.example': 'test' },
      credsStore: 'test',
      auths: { 'inline.example': { auth: b64('in:line') } },
    });
    expect(await resolveCredentials('helper.example', { env })).toEqual({
      username: 'helper-user',
      password: 'helper-pass',
    });
    expect(await resolveCredentials('docker.io', { env })).toEqual({
      identityToken: 'hub-identity',
    });
    // The store knows nothing about it: the inline entry is used, a failing helper is not an error.
    expect(await resolveCredentials('inline.example', { env })).toEqual({
      username: 'in',
      password: 'line',
    });
    expect(await resolveCredentials('nothing.example', { env })).toBeUndefined();
    const log = await readFile(path.join(dir, 'helper.log'), 'utf8');
    expect(log.split('\n').filter(Boolean)).toEqual([
      'helper.example',
      'https://index.docker.io/v1/',
      'nothing.example',
    ]);
  });

  it('skips a missing helper and unreadable files', async () => {
    await writeJson(path.join(dir, 'home/.docker/config.json'), {
      credHelpers: { 'r.example': 'absent' },
    });
    await mkdir(path.join(dir, 'home/.config/containers'), { recursive: true });
    await writeFile(path.join(dir, 'home/.config/containers/auth.json'), '{not json');
    expect(await resolveCredentials('r.example', { env })).toBeUndefined();
  });
});
