import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { loadConfig } from './config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-config-events-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SECRET = 'a-secret-of-32-characters-000000';

function load(yaml: string, env: Record<string, string> = {}) {
  const file = path.join(dir, `c-${Math.random().toString(36).slice(2)}.yml`);
  fs.writeFileSync(file, yaml);
  return loadConfig({ MANIFOLD_CONFIG: file, ...env });
}

function errorOf(fn: () => unknown): { code?: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a CONFIG error');
}

describe('events config', () => {
  it('reads required-platform rules (tags default to every tag) and outgoing webhooks', () => {
    const cfg = load(
      [
        'registries: [{ host: a.test }]',
        'events:',
        '  requiredPlatforms:',
        '    - { registry: a.test, repositories: ["team-a/*"], platforms: [linux/amd64, linux/arm64] }',
        '  webhooks:',
        `    - { url: "https://chat.example/hook", secret: "${SECRET}" }`,
        '',
      ].join('\n'),
    );
    expect(cfg.events.rules).toEqual([
      {
        name: 'rule 1',
        registry: 'a.test',
        repositories: ['team-a/*'],
        tags: ['*'],
        platforms: ['linux/amd64', 'linux/arm64'],
      },
    ]);
    expect(cfg.events.webhooks).toEqual([{ url: 'https://chat.example/hook', secret: SECRET }]);
  });

  it('is empty without an events key', () => {
    expect(load('registries: [{ host: "r.test" }]\n').events).toEqual({
      receivers: [],
      rules: [],
      webhooks: [],
      reconcile: null,
    });
  });

  it('reads receivers (secret, secretEnv, secretFile next to the config) and the reconcile check', () => {
    fs.writeFileSync(path.join(dir, 'events-secret'), `${SECRET}-file\n`);
    const cfg = load(
      [
        'registries: [{ host: "a.test" }, { host: "b.test" }, { host: "c.test" }]',
        'events:',
        '  receivers:',
        `    - { source: distribution, registry: a.test, secret: "${SECRET}" }`,
        '    - { source: distribution, registry: B.test, secretEnv: EV_SECRET }',
        '    - { source: distribution, registry: c.test, secretFile: events-secret }',
        '  reconcile: { intervalSeconds: 60, watch: [{ registry: a.test, repositories: ["team/*"] }] }',
        '',
      ].join('\n'),
      { EV_SECRET: `${SECRET}-env` },
    );
    expect(cfg.events.receivers).toEqual([
      { source: 'distribution', registry: 'a.test', secret: SECRET },
      { source: 'distribution', registry: 'b.test', secret: `${SECRET}-env` },
      { source: 'distribution', registry: 'c.test', secret: `${SECRET}-file` },
    ]);
    expect(cfg.events.reconcile).toEqual({
      intervalMs: 60_000,
      watch: [{ registry: 'a.test', repositories: ['team/*'] }],
    });
  });

  it('accepts a receiver for a registry named in MANIFOLD_REGISTRIES (the demo does that)', () => {
    const cfg = load(
      `events:\n  receivers:\n    - { source: distribution, registry: "localhost:5000", secret: "${SECRET}" }\n`,
      { MANIFOLD_REGISTRIES: 'localhost:5000' },
    );
    expect(cfg.events.receivers[0]?.registry).toBe('localhost:5000');
  });

  it.each([
    [
      'a registry that is not configured',
      `    - { source: distribution, registry: other.test, secret: "${SECRET}" }`,
      'events.receivers[0].registry',
    ],
    [
      'no secret',
      '    - { source: distribution, registry: a.test }',
      'exactly one of secret, secretEnv and secretFile',
    ],
    [
      'two secrets',
      `    - { source: distribution, registry: a.test, secret: "${SECRET}", secretEnv: X }`,
      'exactly one of',
    ],
    [
      'a secret from an unset variable',
      '    - { source: distribution, registry: a.test, secretEnv: NOT_SET_ANYWHERE }',
      'NOT_SET_ANYWHERE',
    ],
    [
      'a short secret',
      '    - { source: distribution, registry: a.test, secret: "short" }',
      '16 characters',
    ],
    [
      'the same secret twice',
      `    - { source: distribution, registry: a.test, secret: "${SECRET}" }\n    - { source: distribution, registry: b.test, secret: "${SECRET}" }`,
      'its own secret',
    ],
    [
      'an unknown source',
      `    - { source: gitlab, registry: a.test, secret: "${SECRET}" }`,
      'source',
    ],
  ])('refuses %s with a CONFIG error naming it, never the secret', (_name, receiver, words) => {
    const err = errorOf(() =>
      load(
        `registries: [{ host: a.test }, { host: b.test }]\nevents:\n  receivers:\n${receiver}\n`,
      ),
    );
    expect(err.code).toBe('CONFIG');
    expect(err.message).toContain(words);
    expect(err.message).not.toContain(SECRET);
  });
});
