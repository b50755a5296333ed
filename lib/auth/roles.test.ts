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

  it('matches subjects by user, group, bare name and *', () => {
    const grants = [
      { subject: 'user:alice', role: 'admin' as const },
      { subject: 'group:devs', role: 'editor' as const, repository: 'team-a/*' },
      { subject: 'ops', role: 'viewer' as const },
      { subject: '*', role: 'viewer' as const, registry: 'public.example.com' },
    ];
    expect(grantsOf(grants, 'alice', []).map((g) => g.role)).toEqual(['admin', 'viewer']);
    expect(grantsOf(grants, 'bob', ['devs', 'ops']).map((g) => g.role)).toEqual([
      'editor',
      'viewer',
      'viewer',
    ]);
    expect(grantsOf(grants, 'ops', []).map((g) => g.role)).toEqual(['viewer', 'viewer']);
    expect(grantsOf(grants, 'user:alice', ['group:devs'])).toHaveLength(1);
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
