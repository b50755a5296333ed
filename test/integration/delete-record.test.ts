/**
 * A delete reports only what the registry shows, and logs every removal that happened whatever it
 * reports: a cache in front of the registry that still serves the deleted list for a moment is
 * looked at again (a bounded number of times) before the delete is reported, and when the request
 * fails after the registry removed the list (the cache never catches up, a child cannot be
 * checked, the DELETE's answer is lost) the removal is still in the activity log. The fault proxy
 * plays the lagging cache in front of a real distribution registry.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { deleteImage, type ActionDeps } from '@/lib/actions';
import { createRegistryClient, type RegistryClient } from '@/lib/registry';
import { listActivity } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import { respond, startFaultServer, type FaultServer } from '@/test/support/fault-server';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import { actionDepsFor, failure, openTestStore, value } from './actions-setup';

let reg: StartedRegistry;
let proxy: FaultServer;
let client: RegistryClient;
let direct: RegistryClient;
let deps: ActionDeps;
let store: Awaited<ReturnType<typeof openTestStore>>;
let list: { digest: string; mediaType: string; size: number; children: string[] };

beforeAll(async () => {
  reg = await startRegistry({ variant: 'plain' });
  const seeded = await seedDemo({ url: reg.url });
  proxy = await startFaultServer({ proxyTo: reg.url });
  direct = clientFor([reg]);
  client = createRegistryClient({
    registries: (h) => (h === proxy.host ? { host: proxy.host, scheme: 'http' } : undefined),
    retries: 1,
    retryBaseMs: 20,
    timeoutMs: 5000,
  });
  store = await openTestStore('manifold-delete-record-');
  deps = actionDepsFor(client);
  const { parsed } = await direct.getManifest(
    { registry: reg.host, repository: 'demo/shazam' },
    seeded['demo/shazam:latest']!,
  );
  if (parsed.kind !== 'index') throw new Error('demo/shazam:latest is not a list');
  list = {
    digest: parsed.digest,
    mediaType: parsed.mediaType,
    size: parsed.raw.byteLength,
    children: parsed.manifests.map((m) => m.digest),
  };
});

afterAll(async () => {
  await Promise.all([client?.close(), direct?.close()]);
  await proxy?.close();
  await store?.cleanup();
  await reg?.stop();
});

beforeEach(() => proxy.reset());

let n = 0;
/** Returns a new repository holding the demo list under :v1. */
async function freshRepository(): Promise<string> {
  const repository = `record/r${++n}`;
  await direct.copyManifest(
    { registry: reg.host, repository: 'demo/shazam' },
    { registry: reg.host, repository },
    list.digest,
    { tags: ['v1'] },
  );
  return repository;
}

/** A cache in front of the registry: answers HEADs of the list as if it were still there. */
function staleHeads(repository: string, times?: number): void {
  proxy.on({
    method: 'HEAD',
    path: `/v2/${repository}/manifests/${list.digest}`,
    ...(times !== undefined ? { times } : {}),
    name: 'stale',
    respond: respond.status(200, {
      'docker-content-digest': list.digest,
      'content-type': list.mediaType,
      'content-length': String(list.size),
    }),
  });
}

const input = (repository: string) => ({
  registry: proxy.host,
  repository,
  digest: list.digest,
  seenTags: ['v1'],
});
const gone = async (repository: string) =>
  (await direct.headManifest({ registry: reg.host, repository }, list.digest)) === undefined;
const deleteRows = (repository: string) =>
  listActivity({ registry: proxy.host, repository, action: 'delete' });

describe('a delete behind a cache that lags', () => {
  it('looks again while the cache still serves the list, then reports it deleted', async () => {
    const repository = await freshRepository();
    // The HEAD before the DELETE, then two stale answers after it.
    staleHeads(repository, 3);
    const done = value(await deleteImage(deps, input(repository)));
    expect(done.tagsRemoved).toEqual(['v1']);
    expect(proxy.hits('stale')).toHaveLength(3);
    expect(await gone(repository)).toBe(true);
    expect(deleteRows(repository)).toMatchObject([{ tag: 'v1', digestBefore: list.digest }]);
  });

  it('gives up after a bounded number of looks, says so, and still logs the removal', async () => {
    const repository = await freshRepository();
    staleHeads(repository);
    const f = failure(await deleteImage(deps, input(repository)));
    expect(f.code).toBe('SERVER_ERROR');
    expect(f.message).toContain('still serves it');
    // One look before the DELETE, one after it, and three more.
    expect(proxy.hits('stale')).toHaveLength(5);
    expect(await gone(repository)).toBe(true);
    const rows = deleteRows(repository);
    expect(rows).toMatchObject([{ tag: 'v1', digestBefore: list.digest, digestAfter: null }]);
    expect(rows[0]?.detail).toMatchObject({ verified: false });
  });
});

describe('a delete that meets a fault after the registry removed the list', () => {
  it('when a child cannot be checked afterwards: the delete is reported done, and logged', async () => {
    const repository = await freshRepository();
    for (const child of list.children) {
      proxy.on({
        method: 'HEAD',
        path: `/v2/${repository}/manifests/${child}`,
        respond: respond.status(500),
      });
    }
    const done = value(await deleteImage(deps, input(repository)));
    expect(done.tagsRemoved).toEqual(['v1']);
    expect(done.children).toHaveLength(list.children.length);
    for (const c of done.children) {
      expect(c.exists).toBeNull();
      expect(c.error).toContain('500');
    }
    expect(await gone(repository)).toBe(true);
    expect(deleteRows(repository)).toMatchObject([{ tag: 'v1', digestBefore: list.digest }]);
  });

  it('when the answer to the DELETE is lost: the removal is logged, unverified', async () => {
    const repository = await freshRepository();
    proxy.on({
      method: 'DELETE',
      path: `/v2/${repository}/manifests/${list.digest}`,
      name: 'lost',
      respond: respond.dropAfterForward(),
    });
    const f = failure(await deleteImage(deps, input(repository)));
    expect(f.message).toMatch(/Could not reach/);
    expect(proxy.hits('lost')).toHaveLength(1);
    expect(await gone(repository)).toBe(true);
    const rows = deleteRows(repository);
    expect(rows).toMatchObject([{ tag: 'v1', digestBefore: list.digest }]);
    expect(rows[0]?.detail).toMatchObject({ verified: false });
  });

  it('when the DELETE is refused, nothing is logged (the control case)', async () => {
    const repository = await freshRepository();
    proxy.on({
      method: 'DELETE',
      path: `/v2/${repository}/manifests/${list.digest}`,
      respond: respond.json(500, { errors: [{ code: 'UNKNOWN', message: 'disk full' }] }),
    });
    const f = failure(await deleteImage(deps, input(repository)));
    expect(f.message).toContain('500');
    expect(await gone(repository)).toBe(false);
    expect(deleteRows(repository)).toEqual([]);
  });
});
