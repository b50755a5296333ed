import { describe, expect, it } from 'vitest';

import type { Reader } from '@/lib/auth/visibility';
import type { StoredDraft } from '@/lib/store';

import { draftReadResources, draftRepositories, sharingRefusal } from './ownership';

const D = `sha256:${'a'.repeat(64)}`;

function draft(over: Partial<StoredDraft>): StoredDraft {
  return {
    id: 'd1',
    name: 'x',
    index: { format: 'oci', entries: [] },
    basedOn: null,
    destinations: [],
    formatChosen: true,
    revision: 1,
    owner: { id: 'local:alice', name: 'alice' },
    sharedWith: null,
    createdAt: 'now',
    updatedAt: 'now',
    ...over,
  };
}

const entry = (source: string | undefined) => ({
  descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: D, size: 1 },
  ...(source ? { source } : {}),
});

const reader = (over: Partial<Reader>): Reader => ({
  id: 'local:alice',
  groups: [],
  admin: false,
  can: () => true,
  ...over,
});

describe('draftRepositories', () => {
  it('names every repository a draft shows, once: sources, the list it came from, destinations', () => {
    const d = draft({
      index: {
        format: 'oci',
        entries: [
          entry(`r.test/team-a/app:amd64@${D}`),
          entry(`r.test/team-a/app@${D}`),
          entry(`other.test:5000/team-b/base@${D}`),
          entry(undefined),
        ],
      },
      basedOn: { reference: `r.test/team-a/list:latest@${D}`, digest: D },
      destinations: ['r.test/team-a/made:1', 'not a reference'],
    });
    expect(draftRepositories(d)).toEqual([
      { registry: 'r.test', repository: 'team-a/app' },
      { registry: 'other.test:5000', repository: 'team-b/base' },
      { registry: 'r.test', repository: 'team-a/list' },
      { registry: 'r.test', repository: 'team-a/made' },
    ]);
    expect(draftReadResources(d).map((r) => r.action)).toEqual(['pull', 'pull', 'pull', 'pull']);
  });

  it('names nothing for an empty draft', () => {
    expect(draftRepositories(draft({}))).toEqual([]);
  });
});

describe('sharingRefusal', () => {
  const own = { owner: { id: 'local:alice' } };
  it.each([
    ['the owner, to a group they are in', own, 'team-a', reader({ groups: ['team-a'] }), false],
    ['the owner, to a group they are not in', own, 'ops', reader({ groups: ['team-a'] }), true],
    ['the owner, to stop sharing', own, null, reader({}), false],
    [
      'a member who is not the owner',
      own,
      null,
      reader({ id: 'local:bob', groups: ['team-a'] }),
      true,
    ],
    ['an admin, to any group', own, 'ops', reader({ id: 'oidc:x#1', admin: true }), false],
    ['anyone but an admin, on a draft without owner', { owner: null }, null, reader({}), true],
  ])('%s', (_what, d, group, who, refused) => {
    expect(sharingRefusal(d, group, who) !== undefined).toBe(refused);
  });
});
