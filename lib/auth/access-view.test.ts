import { describe, expect, it } from 'vitest';

import { accessDenial, OPEN_ACCESS, type AccessView } from './access-view';

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
