import { describe, expect, it } from 'vitest';

import { accessDenial, OPEN_ACCESS, roleSummary, type AccessView } from './access-view';

const editorOfTeamA: AccessView = {
  user: { name: 'eve', via: 'oidc' },
  signInConfigured: true,
  tokensEnabled: true,
  readOnly: false,
  grants: [{ role: 'editor', registry: 'reg.example.com', repository: 'team-a/*' }],
};

describe('accessDenial', () => {
  it('allows everything on the single-user instance', () => {
    expect(accessDenial(OPEN_ACCESS, 'admin', { registry: 'x' })).toBeUndefined();
  });

  it('says which role is missing, and where', () => {
    const target = { registry: 'reg.example.com', repository: 'team-a/app' };
    expect(accessDenial(editorOfTeamA, 'editor', target)).toBeUndefined();
    expect(accessDenial(editorOfTeamA, 'admin', target)).toBe(
      'This needs the admin role on team-a/app.',
    );
    expect(
      accessDenial(editorOfTeamA, 'viewer', {
        registry: 'reg.example.com',
        repository: 'team-b/x',
      }),
    ).toBe('This needs the viewer role on team-b/x.');
  });

  it('turns off every change on a read-only instance, whatever the grants', () => {
    const ro = { ...OPEN_ACCESS, readOnly: true };
    expect(accessDenial(ro, 'editor')).toBe('This is off: this Manifold is read-only.');
    expect(accessDenial(ro, 'viewer')).toBeUndefined();
  });
});

describe('roleSummary', () => {
  const view = (grants: AccessView['grants'], readOnly = false): AccessView => ({
    ...editorOfTeamA,
    readOnly,
    grants,
  });

  it('says nothing without sign-in', () => {
    expect(roleSummary(OPEN_ACCESS)).toBeNull();
  });

  it('names the highest role and where it holds', () => {
    expect(roleSummary(editorOfTeamA)).toEqual({
      headline: 'editor on reg.example.com/team-a/*',
      lines: ['editor on reg.example.com/team-a/*'],
    });
    expect(roleSummary(view([{ role: 'viewer' }, { role: 'admin', repository: 'ops/*' }]))).toEqual(
      { headline: 'admin on ops/*', lines: ['admin on ops/*', 'viewer everywhere'] },
    );
    expect(roleSummary(view([{ role: 'admin' }, { role: 'viewer', registry: 'q.io' }]))).toEqual({
      headline: 'admin',
      lines: ['admin everywhere', 'viewer on q.io'],
    });
  });

  it('counts scopes of the same role, and says read-only and no grant', () => {
    expect(
      roleSummary(
        view([
          { role: 'editor', repository: 'a/*' },
          { role: 'editor', repository: 'b/*' },
        ]),
      )?.headline,
    ).toBe('editor on 2 scopes');
    expect(roleSummary(view([{ role: 'admin' }], true))?.headline).toBe('admin (read-only)');
    expect(roleSummary(view([]))?.headline).toBe('no role');
  });
});
