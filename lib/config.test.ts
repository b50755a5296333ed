import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, isLoopbackHost, loadConfig } from './config';

function tmpFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-config-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('reads MANIFOLD_REGISTRIES with loopback on HTTP and others on HTTPS', () => {
    const cfg = loadConfig({ MANIFOLD_REGISTRIES: 'localhost:5000, quay.io,127.0.0.1:5001,[::1]:5002' });
    expect(cfg.registries.map((r) => [r.host, r.scheme])).toEqual([
      ['localhost:5000', 'http'],
      ['quay.io', 'https'],
      ['127.0.0.1:5001', 'http'],
      ['[::1]:5002', 'http'],
    ]);
  });

  it('honours an explicit scheme in MANIFOLD_REGISTRIES', () => {
    const cfg = loadConfig({ MANIFOLD_REGISTRIES: 'https://localhost:5443,http://registry.lan:5000' });
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
    const cfg = loadConfig({ MANIFOLD_CONFIG: file, MANIFOLD_REGISTRIES: 'localhost:5000', DEMO_PASSWORD: 's3cret' });
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
    [{ MANIFOLD_CONFIG: '/nonexistent/manifold.yaml' }, 'MANIFOLD_CONFIG', '/nonexistent/manifold.yaml'],
  ])('rejects %o naming the key and value', (env, key, value) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`${key}=${JSON.stringify(value)}`);
  });

  it('names the bad key inside the config file', () => {
    const file = tmpFile('bad.yaml', 'registries:\n  - host: localhost:5000\n    insecure: "yes"\n');
    expect(() => loadConfig({ MANIFOLD_CONFIG: file })).toThrow(/registries\.0\.insecure="yes"/);
    const unknown = tmpFile('bad2.yaml', 'registries:\n  - host: localhost:5000\n    pasword: x\n');
    expect(() => loadConfig({ MANIFOLD_CONFIG: unknown })).toThrow(/registries\.0/);
    const missingEnv = tmpFile('bad3.yaml', 'registries:\n  - host: q.io\n    username: a\n    passwordEnv: NOPE\n');
    expect(() => loadConfig({ MANIFOLD_CONFIG: missingEnv })).toThrow(/passwordEnv="NOPE"/);
  });
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
