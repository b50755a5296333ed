/**
 * The one lock order of tag writes and deletes, step by step against a real registry: a lease
 * held on a list's digest (a delete in progress) makes a retag of that list wait, and a retag
 * that finds its source deleted writes nothing (a PUT would bring the list back); a delete waits
 * for every tag on the digest, so a tag being moved away is not deleted with it. Holders that
 * name the same keys in any order never wait for each other (the order: tag-locks.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deleteImage, startRetag } from '@/lib/actions';
import { getJob, waitForJob } from '@/lib/jobs';
import type { RegistryClient } from '@/lib/registry';
import { withTagLocks } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import { actionDepsFor, openTestStore, value } from './actions-setup';

let reg: StartedRegistry;
let client: RegistryClient;
let store: Awaited<ReturnType<typeof openTestStore>>;
let seeded: Record<string, string>;

beforeAll(async () => {
  reg = await startRegistry({ variant: 'plain' });
  seeded = await seedDemo({ url: reg.url });
  store = await openTestStore('manifold-delete-locks-');
  client = clientFor([reg]);
});

afterAll(async () => {
  await client?.close();
  await store?.cleanup();
  await reg?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const at = (repository: string) => ({ registry: reg.host, repository });

/** Returns the list's digest after copying demo/shazam:latest into `repository` as :v1. */
async function listIn(repository: string): Promise<string> {
  const digest = seeded['demo/shazam:latest']!;
  await client.copyManifest(at('demo/shazam'), at(repository), digest, { tags: ['v1'] });
  return digest;
}

/** Returns a lease held on `keys` until `release()` (what another action in progress holds). */
function hold(keys: string[]): { release: () => void; done: Promise<void> } {
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  return { release: () => release(), done: withTagLocks(keys, () => gate) };
}

describe('one lock order', () => {
  it('holders naming the same digest and tag in opposite orders both finish, one after the other', async () => {
    const order: string[] = [];
    const run = (name: string, keys: string[]) =>
      withTagLocks(
        keys,
        async () => {
          order.push(`${name} in`);
          await sleep(50);
          order.push(`${name} out`);
        },
        { waitMs: 5_000 },
      );
    await Promise.all([
      run('delete', ['r/y@sha256:1', 'r/y:v1']),
      run('retag', ['r/y:v1', 'r/y@sha256:1']),
    ]);
    expect(order).toEqual(['delete in', 'delete out', 'retag in', 'retag out']);
  });
});

describe('a retag and a delete of the same list', () => {
  it('a retag waits while the list is held by a delete, then finds it deleted and writes nothing', async () => {
    const digest = await listIn('order/retag');
    const source = { ...at('order/retag'), digest };
    const lease = hold([`${reg.host}/order/retag@${digest}`]);
    const started = value(
      await startRetag(actionDepsFor(client), {
        source,
        targets: [{ reference: 'v2', expectedDigest: null }],
      }),
    );
    await sleep(300);
    expect(getJob(started.job.id)?.status).toBe('running');
    expect(await client.headManifest(at('order/retag'), 'v2')).toBeUndefined();
    // The delete that holds the lease removes the list, then lets go.
    await client.deleteManifest(at('order/retag'), digest);
    lease.release();
    await lease.done;
    const job = await waitForJob(started.job.id, 30_000);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('MANIFEST_UNKNOWN');
    expect(job.error?.message).toContain(digest);
    expect(await client.headManifest(at('order/retag'), digest)).toBeUndefined();
    expect(await client.headManifest(at('order/retag'), 'v2')).toBeUndefined();
  });

  it('a delete waits for every tag on the list: a tag being moved away stays where it was moved', async () => {
    const digest = await listIn('order/delete');
    const other = seeded['demo/shazam:amd64']!;
    // A writer holds :v1 while it moves it to another image of the repository.
    const lease = hold([`${reg.host}/order/delete:v1`]);
    const deleting = deleteImage(actionDepsFor(client), { ...at('order/delete'), digest });
    await sleep(300);
    expect(await client.headManifest(at('order/delete'), digest)).toBeDefined();
    const { parsed } = await client.getManifest(at('order/delete'), other);
    await client.putManifest(at('order/delete'), 'v1', parsed.raw, parsed.mediaType);
    lease.release();
    await lease.done;
    const done = value(await deleting);
    expect(done.tagsRemoved).toEqual([]);
    expect(await client.headManifest(at('order/delete'), digest)).toBeUndefined();
    expect((await client.headManifest(at('order/delete'), 'v1'))?.digest).toBe(other);
  });
});
