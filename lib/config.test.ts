import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { hasCode } from '@/lib/errors';

import { isLoopbackHost, loadConfig } from './config';

function tmpFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-config-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('reads MANIFOLD_REGISTRIES with loopback on HTTP and others on HTTPS', () => {
    const cfg = loadConfig({
      MANIFOLD_REGISTRIES: 'localhost:5000, quay.io,127.0.0.1:5001,[::1]:5002',
    });
    expect(cfg.registries.map((r) => [r.host, r.scheme])).toEqual([
      ['localhost:5000', 'http'],
      ['quay.io', 'https'],
      ['127.0.0.1:5001', 'http'],
      ['[::1]:5002', 'http'],
    ]);
  });

  it('honours an explicit scheme in MANIFOLD_REGISTRIES', () => {
    const cfg = loadConfig({
      MANIFOLD_REGISTRIES: 'https://localhost:5443,http://registry.lan:5000',
    });
    expect(cfg.registries.map((r) => r.scheme)).toEqual(['https', 'http']);
  });

  it('reads a YAML config file with credentials, and the file wins over the env list', () => {
    const file = tmpFile(
      'manifold.yaml',
      [
        'registries:',
        '  - host: localhost:5000',
        '    name: Demo',
        '    username: alice',
        '    passwordEnv: DEMO_PASSWORD',
        '  - host: registry.example.com',
        '    tlsVerify: false',
      ].join('\n'),
    );
    const cfg = loadConfig({
      MANIFOLD_CONFIG: file,
      MANIFOLD_REGISTRIES: 'localhost:5000',
      DEMO_PASSWORD: 's3cret',
    });
    expect(cfg.registries).toHaveLength(2);
    expect(cfg.registries[0]).toMatchObject({
      host: 'localhost:5000',
      name: 'Demo',
      scheme: 'http',
      credentials: { username: 'alice', password: 's3cret' },
      source: 'file',
    });
    expect(cfg.registries[1]).toMatchObject({ scheme: 'https', insecureSkipVerify: true });
  });

  it.each([
    [{ MANIFOLD_REGISTRIES: 'not a host!' }, 'MANIFOLD_REGISTRIES', 'not a host!'],
    [{ PORT: 'eighty' }, 'PORT', 'eighty'],
    [{ MANIFOLD_DOCKER_CREDENTIALS: 'maybe' }, 'MANIFOLD_DOCKER_CREDENTIALS', 'maybe'],
    [
      { MANIFOLD_CONFIG: '/nonexistent/manifold.yaml' },
      'MANIFOLD_CONFIG',
      '/nonexistent/manifold.yaml',
    ],
  ])('rejects %o naming the key and value', (env, key, value) => {
    expect(() => loadConfig(env)).toThrow(
      expect.objectContaining({ name: 'AppError', code: 'CONFIG' }),
    );
    expect(() => loadConfig(env)).toThrow(`${key}=${JSON.stringify(value)}`);
  });

  it('names the bad key inside the config file', () => {
    const file = tmpFile(
      'bad.yaml',
      'registries:\n  - host: localhost:5000\n    insecure: "yes"\n',
    );
    expect(() => loadConfig({ MANIFOLD_CONFIG: file })).toThrow(/registries\.0\.insecure="yes"/);
    const unknown = tmpFile('bad2.yaml', 'registries:\n  - host: localhost:5000\n    pasword: x\n');
    expect(() => loadConfig({ MANIFOLD_CONFIG: unknown })).toThrow(/registries\.0/);
    const missingEnv = tmpFile(
      'bad3.yaml',
      'registries:\n  - host: q.io\n    username: a\n    passwordEnv: NOPE\n',
    );
    expect(() => loadConfig({ MANIFOLD_CONFIG: missingEnv })).toThrow(/passwordEnv="NOPE"/);
  });
});

describe('loadConfig credentialEnv', () => {
  it('gives credential helpers the whole environment (secretservice needs D-Bus, ecr-login AWS_*)', () => {
    const env = {
      HOME: '/home/u',
      PATH: '/usr/bin',
      DOCKER_CONFIG: '/etc/docker-cfg',
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
      AWS_PROFILE: 'ci',
    };
    expect(loadConfig(env).credentialEnv).toEqual(env);
  });
});

describe('loadConfig never prints secrets', () => {
  const SECRET = 'hunter2-do-not-print';

  function message(env: Record<string, string | undefined>): string {
    try {
      loadConfig(env);
    } catch (err) {
      if (hasCode(err, 'CONFIG')) return `${err.message} ${JSON.stringify(err.details?.value)}`;
      throw err;
    }
    throw new Error('expected an AppError CONFIG');
  }

  it.each([
    [
      'a password of the wrong type',
      `registries:\n  - host: q.io\n    username: a\n    password: 12345${SECRET.length}\n`,
      /registries\.0\.password="\(hidden\)"/,
      `12345${SECRET.length}`,
    ],
    [
      'a misspelt password key',
      `registries:\n  - host: q.io\n    username: a\n    pasword: ${SECRET}\n`,
      /registries\.0\.pasword=.*unknown key/,
      SECRET,
    ],
    [
      'an unknown key next to a password',
      `registries:\n  - host: q.io\n    username: a\n    password: ${SECRET}\n    colour: red\n`,
      /registries\.0\.colour/,
      SECRET,
    ],
    [
      'registries that are not a list',
      `registries:\n  host: q.io\n  password: ${SECRET}\n`,
      /registries=/,
      SECRET,
    ],
    [
      'YAML that does not parse',
      `registries:\n  - host: q.io\n    password: ${SECRET}\n   bad: [\n`,
      /MANIFOLD_CONFIG=.*not valid YAML/,
      SECRET,
    ],
  ])('hides %s', (_name, text, shape, secret) => {
    const file = tmpFile('secret.yaml', text);
    const msg = message({ MANIFOLD_CONFIG: file });
    expect(msg).toMatch(shape);
    expect(msg).not.toContain(secret);
  });

  it('hides user:password@ in MANIFOLD_REGISTRIES', () => {
    const msg = message({ MANIFOLD_REGISTRIES: `https://bob:${SECRET}@registry.example.com` });
    expect(msg).toContain('MANIFOLD_REGISTRIES="https://(hidden)@registry.example.com"');
    expect(msg).not.toContain(SECRET);
    expect(msg).not.toContain('bob');
  });
});

describe('loadConfig hosts', () => {
  it('calls Docker Hub docker.io whatever name it is given, once', () => {
    const cfg = loadConfig({
      MANIFOLD_REGISTRIES: 'index.docker.io,registry-1.docker.io,Docker.IO',
    });
    expect(cfg.registries.map((r) => [r.host, r.scheme])).toEqual([['docker.io', 'https']]);
  });

  it.each(['localhost:0', 'localhost:65536', 'q.io:99999', '[::1]:70000'])(
    'rejects the port of %s',
    (host) => {
      expect(() => loadConfig({ MANIFOLD_REGISTRIES: host })).toThrow(
        `MANIFOLD_REGISTRIES=${JSON.stringify(host)}: the port must be between 1 and 65535`,
      );
    },
  );
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost:5000', true],
    ['127.0.0.1', true],
    ['127.1.2.3:80', true],
    ['[::1]:5000', true],
    ['quay.io', false],
    ['localhost.example.com', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('loadConfig allowUnconfigured', () => {
  it.each<[string, false | 'public' | string[]]>([
    ['registries: []\n', false],
    ['allowUnconfigured: false\n', false],
    ['allowUnconfigured: public\n', 'public'],
    [
      'allowUnconfigured: ["ghcr.io", "*.example.com", "reg.lan:5000"]\n',
      ['ghcr.io', '*.example.com', 'reg.lan:5000'],
    ],
  ])('%j -> %j', (text, expected) => {
    expect(loadConfig({ MANIFOLD_CONFIG: tmpFile('allow.yaml', text) }).allowUnconfigured).toEqual(
      expected,
    );
    expect(loadConfig({}).allowUnconfigured).toBe(false);
  });

  it.each([
    'allowUnconfigured: true\n',
    'allowUnconfigured: everything\n',
    'allowUnconfigured: ["http://x"]\n',
  ])('refuses %j naming the key', (text) => {
    expect(() => loadConfig({ MANIFOLD_CONFIG: tmpFile('bad-allow.yaml', text) })).toThrow(
      /allowUnconfigured/,
    );
  });
});
