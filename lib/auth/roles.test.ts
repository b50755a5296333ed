import { describe, expect, it } from 'vitest';

import { globMatch, grantsAllow, grantsOf, minRole, roleCovers } from './roles';

describe('roles', () => {
  it('orders admin > editor > viewer', () => {
    expect(roleCovers('admin', 'viewer')).toBe(true);
    expect(roleCovers('editor', 'admin')).toBe(false);
    expect(minRole('admin', 'viewer')).toBe('viewer');
  });

  it.each([
    ['team-a/*', 'team-a/app', true],
    ['team-a/*', 'team-a/deep/app', true],
    ['team-a/*', 'team-b/app', false],
    ['*.example.com', 'registry.example.com', true],
    ['registry.example.com', 'registry.example.com:5000', false],
    ['demo/shazam', 'demo/shazam', true],
    ['demo/sha.am', 'demo/shazam', false],
  ])('globMatch(%s, %s) is %s', (pattern, value, want) => {
    expect(globMatch(pattern, value)).toBe(want);
  });

  it('matches subjects by user id with its sign-in method, group and *; a bare name matches nobody', () => {
    const grants = [
      { subject: 'user:local:alice', role: 'admin' as const },
      { subject: 'group:devs', role: 'editor' as const, repository: 'team-a/*' },
      { subject: 'ops', role: 'viewer' as const },
      { subject: '*', role: 'viewer' as const, registry: 'public.example.com' },
      { subject: 'user:oidc:sub-42', role: 'editor' as const },
      { subject: 'user:oidc:https://idp.example.com#sub-7', role: 'admin' as const },
    ];
    expect(grantsOf(grants, 'local:alice', []).map((g) => g.role)).toEqual(['admin', 'viewer']);
    expect(grantsOf(grants, 'local:bob', ['devs', 'ops']).map((g) => g.role)).toEqual([
      'editor',
      'viewer',
    ]);
    // Names of other sign-in methods, a bare group-like name, and ids as groups match nothing.
    expect(grantsOf(grants, 'oidc:https://idp.example.com#alice', []).map((g) => g.role)).toEqual([
      'viewer',
    ]);
    expect(grantsOf(grants, 'proxy:alice', []).map((g) => g.role)).toEqual(['viewer']);
    expect(grantsOf(grants, 'local:ops', []).map((g) => g.role)).toEqual(['viewer']);
    expect(grantsOf(grants, 'user:local:alice', ['group:devs'])).toHaveLength(1);
    expect(grantsOf(grants, 'oidc:https://idp.example.com#sub-42', []).map((g) => g.role)).toEqual([
      'viewer',
      'editor',
    ]);
    expect(grantsOf(grants, 'oidc:https://idp.example.com#sub-7', []).map((g) => g.role)).toEqual([
      'viewer',
      'admin',
    ]);
    expect(grantsOf(grants, 'oidc:https://other.example.com#sub-7', [])).toHaveLength(1);
  });

  it('scopes a grant to its registry and repository patterns', () => {
    const held = [
      { role: 'editor' as const, registry: 'reg.example.com', repository: 'team-a/*' },
      { role: 'viewer' as const },
    ];
    expect(
      grantsAllow(held, 'editor', { registry: 'reg.example.com', repository: 'team-a/x' }),
    ).toBe(true);
    expect(
      grantsAllow(held, 'editor', { registry: 'reg.example.com', repository: 'team-b/x' }),
    ).toBe(false);
    expect(
      grantsAllow(held, 'editor', { registry: 'other.example.com', repository: 'team-a/x' }),
    ).toBe(false);
    expect(grantsAllow(held, 'viewer', { registry: 'other.example.com', repository: 'x' })).toBe(
      true,
    );
    expect(grantsAllow(held, 'admin')).toBe(false);
    expect(grantsAllow(held, 'editor')).toBe(true);
    expect(grantsAllow([], 'viewer')).toBe(false);
  });
});
