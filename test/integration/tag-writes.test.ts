/**
 * Writes to one tag at the same moment, against a real registry: two pushes of different drafts
 * to one new tag (one wins, the other is a CONFLICT naming both digests, never a silent loss), a
 * double-clicked push, retag or delete (done once), and the tag leases that serialise writers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deleteImage, registerActionJobKinds, startRetag } from '@/lib/actions';
import { startDraftPush, type DraftDeps } from '@/lib/drafts';
import { waitForJob } from '@/lib/jobs';
import type { RegistryClient } from '@/lib/registry';
import { releaseOrphanedTagLocks, tryAcquireTagLock, withTagLocks } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import {
  depsFor,
  draftWith,
  openTestStore,
  previewExpectations,
  type StoreHandle,
} from './push-setup';

let reg: StartedRegistry;
let client: RegistryClient;
let deps: DraftDeps;
let store: StoreHandle;
let seeded: Record<string, string>;

beforeAll(async () => {
  reg = await startRegistry({ variant: 'plain' });
  seeded = await seedDemo({ url: reg.url });
  store = await openTestStore('manifold-tag-writes-');
  client = clientFor([reg]);
  deps = depsFor(client, reg.host);
  registerActionJobKinds(() => client);
});

afterAll(async () => {
  await client?.close();
  await store?.cleanup();
  await reg?.stop();
});

const tagNow = async (repository: string, tag: string) =>
  (await client.headManifest({ registry: reg.host, repository }, tag))?.digest ?? null;

describe('two writers, one tag', () => {
  it('two pushes of different drafts to one new tag at once: one wins, the other is a CONFLICT with both digests', async () => {
    const dest = `${reg.host}/race/app:v1`;
    const a = await draftWith(deps, 'a', [`${reg.host}/demo/shazam:amd64`]);
    const b = await draftWith(deps, 'b', [`${reg.host}/demo/shazam:arm64`]);
    const [pa, pb] = await Promise.all([
      previewExpectations(deps, a.id, [dest]),
      previewExpectations(deps, b.id, [dest]),
    ]);
    expect(pa.destinations[0]?.expectedDigest).toBeNull();
    expect(pb.destinations[0]?.expectedDigest).toBeNull();
    const [ra, rb] = await Promise.all([
      startDraftPush(deps, a.id, pa),
      startDraftPush(deps, b.id, pb),
    ]);
    if (!ra.ok || !rb.ok) throw new Error('both pushes should start');
    const jobs = await Promise.all([
      waitForJob(ra.value.job.id, 60_000),
      waitForJob(rb.value.job.id, 60_000),
    ]);
    const winner = jobs.find((j) => j.status === 'succeeded');
    const loser = jobs.find((j) => j.status === 'failed');
    expect(winner, 'exactly one push succeeds').toBeDefined();
    expect(loser, 'the other fails').toBeDefined();
    const won = winner === jobs[0] ? pa.indexDigest : pb.indexDigest;
    const lost = winner === jobs[0] ? pb.indexDigest : pa.indexDigest;
    expect(await tagNow('race/app', 'v1')).toBe(won);
    expect(loser?.error?.code).toBe('CONFLICT');
    expect(loser?.error?.details).toMatchObject({
      conflicts: [{ reference: dest, expected: null, actual: won }],
      indexDigest: lost,
    });
    expect(loser?.error?.message).toContain(won);
    expect(loser?.error?.message).toContain(lost);
  });

  it('tag leases: one holder at a time, taken in order, and an expired lease is taken over', async () => {
    const order: string[] = [];
    const hold = (name: string) =>
      withTagLocks(['r/x:t', 'r/x:u'], async () => {
        order.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 50));
        order.push(`${name} out`);
      });
    await Promise.all([hold('one'), hold('two')]);
    expect(order).toEqual(['one in', 'one out', 'two in', 'two out']);

    expect(tryAcquireTagLock('r/x:dead', 'crashed', -1)).toBe(true);
    expect(tryAcquireTagLock('r/x:dead', 'alive')).toBe(true);
    expect(tryAcquireTagLock('r/x:dead', 'third')).toBe(false);

    // A killed server's lease is freed when the next one recovers, not after the lease time.
    expect(tryAcquireTagLock('r/x:killed', 'another-process:1')).toBe(true);
    expect(releaseOrphanedTagLocks()).toBeGreaterThanOrEqual(1);
    expect(tryAcquireTagLock('r/x:killed', 'this-process')).toBe(true);
  });
});

describe('double clicks do the work once', () => {
  it('the same push asked twice returns the same job', async () => {
    const d = await draftWith(deps, 'twice', [`${reg.host}/demo/shazam:amd64`]);
    const input = await previewExpectations(deps, d.id, [`${reg.host}/twice/app:v1`]);
    const [one, two] = [
      await startDraftPush(deps, d.id, input),
      await startDraftPush(deps, d.id, input),
    ];
    if (!one.ok || !two.ok) throw new Error('both requests should be answered');
    expect(two.value.job.id).toBe(one.value.job.id);
    expect((await waitForJob(one.value.job.id, 60_000)).status).toBe('succeeded');
    expect(await tagNow('twice/app', 'v1')).toBe(input.indexDigest);
  });

  it('the same retag asked twice returns the same job', async () => {
    const digest = seeded['demo/shazam:latest']!;
    const input = {
      source: { registry: reg.host, repository: 'demo/shazam', digest },
      targets: [{ reference: `${reg.host}/demo/shazam:twice`, expectedDigest: null }],
    };
    const one = await startRetag({ client }, input);
    const two = await startRetag({ client }, input);
    if (!one.ok || !two.ok)
      throw new Error(`${one.ok ? '' : one.message} ${two.ok ? '' : two.message}`);
    expect(two.value.job.id).toBe(one.value.job.id);
    expect((await waitForJob(one.value.job.id, 60_000)).status).toBe('succeeded');
  });

  it('the same delete asked twice at once deletes once and answers both the same', async () => {
    const src = seeded['demo/shazam:amd64']!;
    await client.copyManifest(
      { registry: reg.host, repository: 'demo/shazam' },
      { registry: reg.host, repository: 'twice/del' },
      src,
      { tags: ['v1'] },
    );
    await reg.clearAccessLog();
    const input = { registry: reg.host, repository: 'twice/del', digest: src, seenTags: ['v1'] };
    const [one, two] = await Promise.all([
      deleteImage({ client }, input),
      deleteImage({ client }, input),
    ]);
    expect(one.ok && two.ok, `${one.ok ? '' : one.message} ${two.ok ? '' : two.message}`).toBe(
      true,
    );
    expect(two).toEqual(one);
    const deletes = (await reg.accessLog()).filter((e) => e.method === 'DELETE');
    expect(deletes).toHaveLength(1);
  });
});
