import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  previewCopy,
  registerActionJobKinds,
  previewRemovePlatform,
  removePlatform,
  restoreTag,
  startCopy,
  startRetag,
  tagHistory,
  type ActionDeps,
} from '@/lib/actions';
import { waitForJob } from '@/lib/jobs';
import {
  createContentCache,
  inspect,
  isAttestation,
  parseReference,
  retag,
  type RegistryClient,
} from '@/lib/registry';
import { listActivity } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import { actionDepsFor, failure, openTestStore, succeeded, value } from './actions-setup';

let a: StartedRegistry;
let b: StartedRegistry;
let seeded: Record<string, string>;
let client: RegistryClient;
let deps: ActionDeps;
let store: Awaited<ReturnType<typeof openTestStore>>;

const repo = (repository: string, registry = a.host) => ({ registry, repository });
const latest = () => seeded['demo/shazam:latest']!;

async function rawOf(registry: string, repository: string, reference: string): Promise<string> {
  const { parsed } = await client.getManifest({ registry, repository }, reference);
  return Buffer.from(parsed.raw).toString('base64');
}

beforeAll(async () => {
  [a, b] = await Promise.all([startRegistry(), startRegistry()]);
  seeded = await seedDemo({ url: a.url });
  store = await openTestStore('manifold-actions-');
  client = clientFor([a, b]);
  deps = actionDepsFor(client);
});

afterAll(async () => {
  await client?.close();
  await store?.cleanup();
  await Promise.all([a?.stop(), b?.stop()]);
});

describe('retag', () => {
  it('puts the same bytes under a new tag in the same repository: the digest does not change', async () => {
    const source = { ...repo('demo/shazam'), digest: latest() };
    const { job } = value(
      await startRetag(deps, { source, targets: [{ reference: 'stable', expectedDigest: null }] }),
    );
    await succeeded(job);
    expect((await client.headManifest(repo('demo/shazam'), 'stable'))?.digest).toBe(latest());
    expect(await rawOf(a.host, 'demo/shazam', 'stable')).toBe(
      await rawOf(a.host, 'demo/shazam', 'latest'),
    );
    const [row] = listActivity({ ...repo('demo/shazam'), tag: 'stable' });
    expect(row).toMatchObject({
      action: 'retag',
      digestBefore: null,
      digestAfter: latest(),
      jobId: job.id,
    });
  });

  it('copies the contents first into another repository and another registry, keeping the digest', async () => {
    const source = { ...repo('demo/shazam'), digest: latest() };
    await a.clearAccessLog();
    const { job } = value(
      await startRetag(deps, {
        source,
        targets: [
          { reference: 'retag/shazam:v1', expectedDigest: null },
          { reference: `${b.host}/mirror/shazam:v1`, expectedDigest: null },
        ],
      }),
    );
    await succeeded(job);
    // The list goes in once, under its tag after the tag checks; not by digest first.
    const listPuts = (await a.accessLog())
      .filter((e) => e.method === 'PUT' && e.repository === 'retag/shazam')
      .filter((e) => e.path.endsWith(`/manifests/${latest()}`) || e.path.endsWith('/manifests/v1'));
    expect(listPuts.map((e) => e.path)).toEqual(['/v2/retag/shazam/manifests/v1']);
    for (const dst of [repo('retag/shazam'), repo('mirror/shazam', b.host)]) {
      expect((await client.headManifest(dst, 'v1'))?.digest).toBe(latest());
      expect(await rawOf(dst.registry, dst.repository, 'v1')).toBe(
        await rawOf(a.host, 'demo/shazam', 'latest'),
      );
      const { parsed } = await client.getManifest(dst, 'v1');
      if (parsed.kind !== 'index') throw new Error('expected a list');
      for (const child of parsed.manifests)
        expect((await client.headManifest(dst, child.digest))?.digest).toBe(child.digest);
    }
  });

  it('writes into a new repository without asking first, and asks a repository with tags before each mount', async () => {
    const copyTo = async (
      source: { registry: string; repository: string; digest: string },
      reference: string,
    ) => {
      await a.clearAccessLog();
      const targets = [{ reference, expectedDigest: null }];
      await succeeded(value(await startRetag(deps, { source, targets })).job);
      return (await a.accessLog()).filter((e) => e.repository === 'fresh/shazam');
    };
    const blobsOf = async (repository: string, digests: string[]) => {
      const all = new Set<string>();
      for (const digest of digests) {
        const { parsed } = await client.getManifest(repo(repository), digest);
        if (parsed.kind === 'image')
          for (const d of [parsed.config, ...parsed.layers]) all.add(d.digest);
      }
      return all;
    };
    const { parsed: list } = await client.getManifest(repo('demo/shazam'), latest());
    if (list.kind !== 'index') throw new Error('expected a list');

    // A new repository (its tag list answers NAME_UNKNOWN): every blob mounted once, no HEAD of a
    // blob or a child; the tag is still checked before and verified after its PUT.
    const fresh = await copyTo({ ...repo('demo/shazam'), digest: latest() }, 'fresh/shazam:v1');
    const listBlobs = await blobsOf(
      'demo/shazam',
      list.manifests.map((d) => d.digest),
    );
    expect(fresh.filter((e) => e.kind === 'tags')).toHaveLength(1);
    expect(fresh.filter((e) => e.method === 'HEAD' && e.kind === 'blob')).toEqual([]);
    const childHeads = fresh.filter(
      (e) =>
        e.method === 'HEAD' &&
        e.kind === 'manifest' &&
        list.manifests.some((d) => d.digest === e.digest),
    );
    expect(childHeads).toEqual([]);
    const mounts = fresh.filter((e) => e.kind === 'upload' && e.method === 'POST');
    expect(mounts).toHaveLength(listBlobs.size);
    expect((await client.headManifest(repo('fresh/shazam'), 'v1'))?.digest).toBe(latest());

    // Now it has a tag: another image's blobs are each asked for before a mount, so a mount never
    // rewrites the link of a blob it holds (distribution truncates it while a PUT may read it).
    const single = seeded['demo/single:1.0']!;
    const more = await copyTo({ ...repo('demo/single'), digest: single }, 'fresh/shazam:single');
    const singleBlobs = await blobsOf('demo/single', [single]);
    const heads = more.filter((e) => e.method === 'HEAD' && e.kind === 'blob').map((e) => e.digest);
    expect(new Set(heads)).toEqual(singleBlobs);
    const mounted = more.filter((e) => e.kind === 'upload' && e.method === 'POST').length;
    expect(mounted).toBe([...singleBlobs].filter((d) => !listBlobs.has(d)).length);
  });

  it('does not fetch again what an inspect of the source already read', async () => {
    const source = { ...repo('demo/shazam'), digest: latest() };
    const cache = createContentCache();
    await inspect(client, parseReference(`${a.host}/demo/shazam@${latest()}`), { cache });
    const { parsed: list } = await client.getManifest(repo('demo/shazam'), latest());
    if (list.kind !== 'index') throw new Error('expected a list');
    const children = list.manifests.map((d) => d.digest);
    expect(children.length).toBeGreaterThan(1);
    await a.clearAccessLog();
    const target = { ...repo('cached/shazam'), tag: 'v1', expectedDigest: null };
    await retag(client, source, [target], { cache });
    const log = await a.accessLog();
    const childGets = log.filter(
      (e) => e.method === 'GET' && e.kind === 'manifest' && children.includes(e.digest ?? ''),
    );
    expect(childGets).toEqual([]);
    // What it wrote is complete: every child is there, and the tag holds the list.
    for (const digest of children)
      expect((await client.headManifest(repo('cached/shazam'), digest))?.digest).toBe(digest);
    expect((await client.headManifest(repo('cached/shazam'), 'v1'))?.digest).toBe(latest());
  });

  it('stops with CONFLICT naming both digests when the tag moved between "seen" and "write", and loses nothing', async () => {
    const amd64 = seeded['demo/shazam:amd64']!;
    const arm64 = seeded['demo/shazam:arm64']!;
    const target = repo('race/shazam');
    await client.copyManifest(repo('demo/shazam'), target, amd64, { tags: ['moving'] });
    // The user saw :moving on amd64. Someone else moves it to arm64 while the contents are copied.
    const racing: RegistryClient = {
      ...client,
      copyManifest: async (src, dst, ref, opts) => {
        const result = await client.copyManifest(src, dst, ref, opts);
        await client.copyManifest(repo('demo/shazam'), target, arm64, { tags: ['moving'] });
        return result;
      },
    };
    const err = await retag(racing, { ...repo('demo/shazam'), digest: latest() }, [
      { ...target, tag: 'moving', expectedDigest: amd64 },
    ]).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string; details: { conflicts: unknown[] } },
    );
    expect(err?.code).toBe('CONFLICT');
    expect(err?.message).toContain(amd64);
    expect(err?.message).toContain(arm64);
    expect(err?.details.conflicts).toEqual([
      { reference: `${a.host}/race/shazam:moving`, expected: amd64, actual: arm64 },
    ]);
    expect((await client.headManifest(target, 'moving'))?.digest).toBe(arm64);

    // The service refuses before starting a job, and "overwrite anyway" is explicit.
    const source = { ...repo('demo/shazam'), digest: latest() };
    const refused = failure(
      await startRetag(deps, {
        source,
        targets: [{ reference: 'race/shazam:moving', expectedDigest: amd64 }],
      }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain(arm64);
    expect((await client.headManifest(target, 'moving'))?.digest).toBe(arm64);
    const { job } = value(
      await startRetag(deps, {
        source,
        targets: [{ reference: 'race/shazam:moving', expectedDigest: amd64 }],
        force: true,
      }),
    );
    await succeeded(job);
    expect((await client.headManifest(target, 'moving'))?.digest).toBe(latest());
    const [row] = listActivity({ ...target, tag: 'moving' });
    expect(row).toMatchObject({ action: 'retag', digestBefore: arm64, digestAfter: latest() });
  });

  it('treats null as "the tag must not exist yet"', async () => {
    const source = { ...repo('demo/shazam'), digest: seeded['demo/shazam:arm64']! };
    const f = failure(
      await startRetag(deps, { source, targets: [{ reference: 'latest', expectedDigest: null }] }),
    );
    expect(f.code).toBe('CONFLICT');
    expect((await client.headManifest(repo('demo/shazam'), 'latest'))?.digest).toBe(latest());
  });
});

describe('copy', () => {
  it('copies a subset of platforms as a new index, previewed first', async () => {
    const source = { ...repo('demo/shazam'), digest: latest() };
    const { parsed } = await client.getManifest(source, source.digest);
    if (parsed.kind !== 'index') throw new Error('expected a list');
    const pick = parsed.manifests
      .filter((m) => m.platform?.architecture === 'amd64' || m.platform?.architecture === 'arm64')
      .map((m) => m.digest);
    expect(pick).toHaveLength(2);
    const preview = value(
      await previewCopy(deps, { source, destination: 'demo/shazam-two:latest', platforms: pick }),
    );
    expect(preview.whole).toBe(false);
    expect(preview.destination.currentDigest).toBeNull();
    expect(preview.entries.map((e) => e.label).sort()).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(JSON.parse(preview.index.json)).toMatchObject({
      mediaType: parsed.mediaType,
      manifests: [{}, {}],
    });

    const started = value(
      await startCopy(deps, {
        source,
        destination: 'demo/shazam-two:latest',
        platforms: pick,
        expectedDigest: null,
        indexDigest: preview.index.digest,
      }),
    );
    await succeeded(started.job);
    const dst = repo('demo/shazam-two');
    const copied = await client.getManifest(dst, 'latest');
    expect(copied.parsed.digest).toBe(preview.index.digest);
    if (copied.parsed.kind !== 'index') throw new Error('expected a list');
    expect(copied.parsed.manifests.map((m) => m.digest).sort()).toEqual([...pick].sort());
    for (const d of pick) expect(await client.headManifest(dst, d)).toBeDefined();
    expect(listActivity({ ...dst, tag: 'latest' })[0]).toMatchObject({
      action: 'copy',
      digestBefore: null,
      digestAfter: preview.index.digest,
    });
  });

  it('keeps attestations with their platform', async () => {
    const digest = seeded['demo/buildkit:latest']!;
    const source = { ...repo('demo/buildkit'), digest };
    const { parsed } = await client.getManifest(source, digest);
    if (parsed.kind !== 'index') throw new Error('expected a list');
    const first = parsed.manifests.find((m) => !isAttestation(m))!;
    const preview = value(
      await previewCopy(deps, {
        source,
        destination: 'copy/buildkit:one',
        platforms: [first.digest],
      }),
    );
    expect(preview.entries).toHaveLength(2);
    expect(preview.entries[1]?.label).toMatch(/^attestation for /);
    expect(preview.removed).toHaveLength(2);
  });

  it('copies a whole list to another registry byte for byte, and refuses a destination that moved', async () => {
    const source = { ...repo('demo/shazam'), digest: latest() };
    const destination = `${b.host}/copies/shazam:all`;
    const preview = value(await previewCopy(deps, { source, destination }));
    expect(preview.whole).toBe(true);
    expect(preview.index.digest).toBe(latest());
    const { job } = value(await startCopy(deps, { source, destination, expectedDigest: null }));
    await succeeded(job);
    expect((await client.headManifest(repo('copies/shazam', b.host), 'all'))?.digest).toBe(
      latest(),
    );
    const again = failure(
      await startCopy(deps, {
        source: { ...source, digest: seeded['demo/shazam:amd64']! },
        destination,
        expectedDigest: null,
      }),
    );
    expect(again.code).toBe('CONFLICT');
    expect((await client.headManifest(repo('copies/shazam', b.host), 'all'))?.digest).toBe(
      latest(),
    );
  });
});

describe('remove a platform in place, tag history and restore', () => {
  it('drops a platform, keeps the child, records it, and restores the previous digest', async () => {
    const target = repo('edit/shazam');
    await client.copyManifest(repo('demo/shazam'), target, latest(), { tags: ['latest'] });
    const { parsed } = await client.getManifest(target, latest());
    if (parsed.kind !== 'index') throw new Error('expected a list');
    const s390x = parsed.manifests.find((m) => m.platform?.architecture === 's390x')!;
    const input = { ...target, tag: 'latest', expectedDigest: latest(), platform: s390x.digest };
    const preview = value(await previewRemovePlatform(deps, input));
    expect(preview.remaining).toHaveLength(4);
    expect(preview.removed.map((e) => e.label)).toEqual(['linux/s390x']);

    const done = value(await removePlatform(deps, input));
    expect(done.digestAfter).toBe(preview.index.digest);
    expect((await client.headManifest(target, 'latest'))?.digest).toBe(preview.index.digest);
    expect(await client.headManifest(target, s390x.digest)).toBeDefined();

    // The same request again is a no-op; another platform of the list as it was seen is a conflict.
    expect(value(await removePlatform(deps, input)).digestAfter).toBe(preview.index.digest);
    const ppc = parsed.manifests.find((m) => m.platform?.architecture === 'ppc64le')!;
    const stale = failure(await removePlatform(deps, { ...input, platform: ppc.digest }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain(preview.index.digest);
    expect(stale.message).toContain(latest());
    expect((await client.headManifest(target, 'latest'))?.digest).toBe(preview.index.digest);

    const history = value(await tagHistory(deps, { ...target, tag: 'latest' }));
    expect(history.current).toBe(preview.index.digest);
    expect(history.entries[0]).toMatchObject({
      action: 'remove-platform',
      digestBefore: latest(),
      digestAfter: preview.index.digest,
    });
    expect(history.exists[latest()]).toBe(true);

    const restored = value(
      await restoreTag(deps, {
        ...target,
        tag: 'latest',
        digest: latest(),
        expectedDigest: preview.index.digest,
      }),
    );
    expect(restored).toMatchObject({
      changed: true,
      digestBefore: preview.index.digest,
      digestAfter: latest(),
    });
    expect((await client.headManifest(target, 'latest'))?.digest).toBe(latest());
    expect(listActivity({ ...target, tag: 'latest' })[0]).toMatchObject({
      action: 'restore',
      digestAfter: latest(),
    });
  });

  it('explains when the earlier content is gone', async () => {
    const target = repo('edit/gone');
    await client.copyManifest(repo('demo/shazam'), target, seeded['demo/shazam:amd64']!, {
      tags: ['x'],
    });
    await client.copyManifest(repo('demo/shazam'), target, seeded['demo/shazam:arm64']!, {
      tags: ['old'],
    });
    await client.deleteManifest(target, seeded['demo/shazam:arm64']!);
    const f = failure(
      await restoreTag(deps, {
        ...target,
        tag: 'x',
        digest: seeded['demo/shazam:arm64']!,
        expectedDigest: seeded['demo/shazam:amd64']!,
      }),
    );
    expect(f.code).toBe('MANIFEST_UNKNOWN');
    expect(f.message).toMatch(/no longer in .*deleted/);
    expect((await client.headManifest(target, 'x'))?.digest).toBe(seeded['demo/shazam:amd64']);
  });

  it('a job that finds its tag moved after the request was accepted fails with the conflict and both digests', async () => {
    const amd64 = seeded['demo/shazam:amd64']!;
    const source = { ...repo('demo/shazam'), digest: latest() };
    // Another writer gets to the tag after the service checked it, while the job reads the source.
    let moved = false;
    const racing: RegistryClient = {
      ...client,
      getManifest: async (r, reference, opts) => {
        const got = await client.getManifest(r, reference, opts);
        if (!moved) {
          moved = true;
          await client.copyManifest(repo('demo/shazam'), repo('demo/shazam'), amd64, {
            tags: ['jobrace'],
          });
        }
        return got;
      },
    };
    registerActionJobKinds(() => racing);
    try {
      const { job } = value(
        await startRetag(deps, {
          source,
          targets: [{ reference: 'jobrace', expectedDigest: null }],
        }),
      );
      const done = await waitForJob(job.id, 60_000);
      expect(done.status).toBe('failed');
      expect(done.error?.code).toBe('CONFLICT');
      expect(done.error?.message).toContain(amd64);
      expect(done.error?.details).toEqual({
        conflicts: [{ reference: `${a.host}/demo/shazam:jobrace`, expected: null, actual: amd64 }],
      });
      expect((await client.headManifest(repo('demo/shazam'), 'jobrace'))?.digest).toBe(amd64);
      expect(listActivity({ ...repo('demo/shazam'), tag: 'jobrace' })).toEqual([]);
    } finally {
      registerActionJobKinds(() => client);
    }
  });
});
