import { describe, expect, it } from 'vitest';

import type { Resource } from './resources';
import { grantsAllowResource } from './resources';
import type { HeldGrant } from './roles';
import {
  activityRowFor,
  draftVisibleTo,
  isDraftMember,
  jobVisibleTo,
  type Reader,
} from './visibility';

const REG = 'registry.example.com';

/** A reader holding these grants (the real grant arithmetic, not a stub). */
function reader(
  id: string,
  held: HeldGrant[],
  opts: { groups?: string[]; admin?: boolean } = {},
): Reader {
  return {
    id,
    groups: opts.groups ?? [],
    admin: opts.admin ?? false,
    can: (r: Resource) => grantsAllowResource(held, r),
  };
}

const teamA = reader('local:alice', [{ role: 'editor', registry: REG, repository: 'team-a/*' }], {
  groups: ['team-a'],
});
const admin = reader('oidc:https://idp#1', [{ role: 'admin' }], { admin: true });
const repo = (repository: string) => ({ registry: REG, repository });

describe('isDraftMember', () => {
  it.each([
    ['the owner', { owner: { id: 'local:alice' }, sharedWith: null }, teamA, true],
    ['someone else', { owner: { id: 'local:bob' }, sharedWith: null }, teamA, false],
    ['a member of the group', { owner: { id: 'local:bob' }, sharedWith: 'team-a' }, teamA, true],
    ['not in the group', { owner: { id: 'local:bob' }, sharedWith: 'team-b' }, teamA, false],
    ['nobody: a draft from before owners', { owner: null, sharedWith: null }, teamA, false],
    ['an admin, for a draft without owner', { owner: null, sharedWith: null }, admin, true],
  ])('%s', (_what, draft, who, want) => {
    expect(isDraftMember(who, draft)).toBe(want);
  });

  it('compares ids exactly, never parsed (proxy:alice is not local:alice)', () => {
    expect(isDraftMember(teamA, { owner: { id: 'proxy:alice' }, sharedWith: null })).toBe(false);
  });
});

describe('draftVisibleTo', () => {
  const own = { owner: { id: 'local:alice' }, sharedWith: null };
  it('shows an owner their draft when they may pull every repository it names', () => {
    expect(draftVisibleTo(teamA, { ...own, repositories: [repo('team-a/app')] })).toBe(true);
    expect(draftVisibleTo(teamA, { ...own, repositories: [] })).toBe(true);
  });

  it('hides a draft naming a repository the reader may not pull, even their own', () => {
    const d = { ...own, repositories: [repo('team-a/app'), repo('team-b/secret')] };
    expect(draftVisibleTo(teamA, d)).toBe(false);
    expect(draftVisibleTo(admin, d)).toBe(true);
  });
});

describe('jobVisibleTo', () => {
  const push: Resource[] = [
    { registry: REG, repository: 'team-a/src', action: 'pull' },
    { registry: REG, repository: 'team-a/dst', action: 'overwrite' },
  ];
  it('needs pull on every resource, whatever the action (reading is not redoing)', () => {
    expect(jobVisibleTo(teamA, push)).toBe(true);
    const viewer = reader('local:vera', [
      { role: 'viewer', registry: REG, repository: 'team-a/*' },
    ]);
    expect(jobVisibleTo(viewer, push)).toBe(true);
  });

  it('hides a job touching one repository the reader may not pull', () => {
    expect(
      jobVisibleTo(teamA, [...push, { registry: REG, repository: 'team-b/x', action: 'pull' }]),
    ).toBe(false);
  });

  it('fails closed without resources: admins only', () => {
    expect(jobVisibleTo(teamA, null)).toBe(false);
    expect(jobVisibleTo(teamA, [])).toBe(false);
    expect(jobVisibleTo(admin, null)).toBe(true);
  });
});

describe('activityRowFor', () => {
  const row = { id: 1, registry: REG, repository: 'team-a/app', jobId: 'j1' };
  it('keeps a row of a pullable repository with its visible job', () => {
    expect(
      activityRowFor(teamA, row, () => [
        { registry: REG, repository: 'team-a/app', action: 'push' },
      ]),
    ).toEqual(row);
  });

  it('drops rows of other repositories', () => {
    expect(activityRowFor(teamA, { ...row, repository: 'team-b/app' }, () => null)).toBeUndefined();
  });

  it('blanks the job id of a job the reader may not see (it copied from elsewhere)', () => {
    const copiedIn = () => [
      { registry: REG, repository: 'team-b/secret', action: 'pull' as const },
      { registry: REG, repository: 'team-a/app', action: 'push' as const },
    ];
    expect(activityRowFor(teamA, row, copiedIn)).toEqual({ ...row, jobId: null });
    expect(activityRowFor(admin, row, copiedIn)).toEqual(row);
  });
});
