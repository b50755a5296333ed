import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const HOST = '127.0.0.1:5000';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-guard-resources-'));
const file = path.join(dir, 'config.yaml');
fs.writeFileSync(
  file,
  [
    'roles:',
    `  - { subject: "user:local:ed", role: editor, registry: "${HOST}", repository: "a/*" }`,
    '',
  ].join('\n'),
);
process.env.MANIFOLD_CONFIG = file;
process.env.MANIFOLD_DATA_DIR = dir;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const { accessOf, canAccess, requireResources } = await import('./guard');

const ed = { id: 'local:ed', name: 'ed', via: 'password' as const, user: 'local:ed' };
const a = { registry: HOST, repository: 'a/app' };
const b = { registry: HOST, repository: 'b/secret' };

describe('requireResources', () => {
  it('passes when every resource is covered, and names the first refused one otherwise', () => {
    expect(() =>
      requireResources(ed, [
        { ...a, action: 'pull' },
        { ...a, action: 'push' },
      ]),
    ).not.toThrow();
    expect(() =>
      requireResources(ed, [
        { ...a, action: 'pull' },
        { ...b, action: 'push' },
        { ...a, action: 'delete' },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        details: { required: 'editor', action: 'push', registry: HOST, repository: 'b/secret' },
      }) as Error,
    );
  });

  it('fails closed on an empty list, even for the local user who may do anything', () => {
    const local = { id: 'local', name: 'local user', via: 'local' as const };
    expect(() => requireResources(local, [])).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }) as Error,
    );
    expect(canAccess(local, { ...b, action: 'delete' })).toBe(true);
  });

  it('caps a token at its own role; access.can answers the same as the door', () => {
    const token = {
      ...ed,
      id: 'token:1',
      user: 'local:ed',
      via: 'token' as const,
      maxRole: 'viewer' as const,
    };
    expect(canAccess(token, { ...a, action: 'pull' })).toBe(true);
    expect(canAccess(token, { ...a, action: 'push' })).toBe(false);
    const access = accessOf(ed);
    expect([access.can({ ...a, action: 'push' }), access.can({ ...b, action: 'pull' })]).toEqual([
      true,
      false,
    ]);
    expect(() => access.require([{ ...a, action: 'overwrite' }])).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }) as Error,
    );
  });
});
