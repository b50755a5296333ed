/**
 * The store under the authorization model's lists: drafts keep their owner and group, jobs their
 * resources and their last actor, activity pages stay whole when a reader sees few rows, and
 * coverage reports restricted to some repositories count only those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  coverageTotals,
  duplicateDraft,
  getJobRecord,
  insertCoverageScan,
  insertDraft,
  insertJob,
  iterateCoverageRepos,
  listActivity,
  listDrafts,
  queryCoverageRepos,
  recordActivity,
  saveCoverageRepo,
  updateDraft,
  updateJobRecord,
  withActor,
} from '@/lib/store';

import { openTestStore, type StoreHandle } from './push-setup';

let store: StoreHandle;
const alice = { id: 'oidc:https://idp.example#a1', name: 'alice' };
const bob = { id: 'proxy:bob', name: 'bob' };

beforeAll(async () => {
  store = await openTestStore('manifold-owner-store-');
});

afterAll(async () => {
  await store?.cleanup();
});

describe('drafts have an owner', () => {
  it('records the creating actor as given, keeps the group, and gives a duplicate to who made it', () => {
    const d = withActor(alice, () =>
      insertDraft({ name: 'mine', index: { format: 'oci', entries: [] }, sharedWith: 'team-a' }),
    );
    expect([d.owner, d.sharedWith]).toEqual([alice, 'team-a']);
    const copy = withActor(bob, () => duplicateDraft(d.id));
    expect([copy?.owner, copy?.sharedWith]).toEqual([bob, null]);
    const unshared = updateDraft(d.id, { sharedWith: null });
    expect(unshared !== 'conflict' && unshared?.sharedWith).toBe(null);
    const orphan = insertDraft({ name: 'no one', index: { format: 'oci', entries: [] } });
    expect(orphan.owner).toBeNull();
    expect(listDrafts((x) => x.owner?.id === alice.id).map((x) => x.name)).toEqual(['mine']);
  });
});

describe('jobs store their resources and who last acted', () => {
  it('keeps the resources as given and moves the actor on a retry', () => {
    const resources = [
      { registry: 'r', repository: 'a', action: 'pull' as const },
      { registry: 'r', repository: 'b', action: 'overwrite' as const },
    ];
    withActor(alice, () => insertJob({ id: 'job-1', kind: 'copy', params: {}, resources }));
    expect(getJobRecord('job-1')).toMatchObject({ resources, actor: alice });
    updateJobRecord('job-1', { actor: bob });
    expect(getJobRecord('job-1')?.actor).toEqual(bob);
    insertJob({ id: 'job-2', kind: 'copy', params: {} });
    expect(getJobRecord('job-2')?.resources).toBeNull();
  });
});

describe('a filtered activity page', () => {
  it('reads older rows until the page is full and pages on from its last row', () => {
    for (let i = 0; i < 450; i++)
      recordActivity({
        action: 'push',
        registry: 'r',
        repository: i % 3 === 0 ? 'seen' : 'hidden',
        tag: `t${i}`,
      });
    const keep = (row: { repository: string }) => row.repository === 'seen';
    const first = listActivity({ limit: 50 }, (row) => (keep(row) ? row : undefined));
    expect(first).toHaveLength(50);
    expect(first.every(keep)).toBe(true);
    const rest = listActivity({ limit: 500, before: first.at(-1)!.id }, (row) =>
      keep(row) ? row : undefined,
    );
    expect(rest).toHaveLength(100);
    expect(new Set([...first, ...rest].map((r) => r.id)).size).toBe(150);
    // A changed row is what the page holds (e.g. a job id blanked).
    const blanked = listActivity({ limit: 1 }, (row) => ({ ...row, tag: null }));
    expect(blanked[0]?.tag).toBeNull();
  });
});

describe('coverage restricted to some repositories', () => {
  it('lists, counts, exports and totals only those', () => {
    insertCoverageScan({ id: 'scan-1', registry: 'r', params: {} });
    const repo = (repository: string, platforms: string[]) =>
      saveCoverageRepo('scan-1', {
        repository,
        tagCount: 1,
        tags: [{ tag: 'latest', digest: 'sha256:x', kind: 'index', platforms, broken: [] }],
        broken: 0,
        error: null,
      });
    repo('team-a/app', ['linux/amd64']);
    repo('team-b/secret', ['linux/arm64', 'linux/s390x']);
    const only = ['team-a/app'];
    const page = queryCoverageRepos('scan-1', {}, { limit: 10 }, only);
    expect([page.total, page.repositories.map((r) => r.repository)]).toEqual([1, ['team-a/app']]);
    expect([...iterateCoverageRepos('scan-1', {}, only)].map((r) => r.repository)).toEqual(only);
    const totals = coverageTotals('scan-1', only);
    expect([totals.repositories, totals.platforms.map((p) => p.platform)]).toEqual([
      1,
      ['linux/amd64'],
    ]);
    expect(coverageTotals('scan-1').repositories).toBe(2);
    expect(coverageTotals('scan-1', []).repositories).toBe(0);
  });
});
