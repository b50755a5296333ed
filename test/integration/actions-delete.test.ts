import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deleteImage, previewDelete, untagImage, type ActionDeps } from '@/lib/actions';
import type { RegistryClient } from '@/lib/registry';
import { listActivity } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import { countRequests } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import { actionDepsFor, failure, openTestStore, value } from './actions-setup';

let on: StartedRegistry;
let off: StartedRegistry;
let seededOn: Record<string, string>;
let seededOff: Record<string, string>;
let client: RegistryClient;
let deps: ActionDeps;
let store: Awaited<ReturnType<typeof openTestStore>>;
let offData: string;

const at = (reg: StartedRegistry, repository: string) => ({ registry: reg.host, repository });

beforeAll(async () => {
  // seedDemo deletes one manifest (demo/broken): seed with deletes on, then serve that storage with deletes off.
  offData = await mkdtemp(path.join(os.tmpdir(), 'manifold-actions-nodelete-'));
  const seeder = await startRegistry({ dataDir: offData });
  try {
    seededOff = await seedDemo({ url: seeder.url });
  } finally {
    await seeder.stop();
  }
  [on, off] = await Promise.all([
    startRegistry(),
    startRegistry({ dataDir: offData, deleteEnabled: false }),
  ]);
  seededOn = await seedDemo({ url: on.url });
  store = await openTestStore('manifold-actions-delete-');
  client = clientFor([on, off]);
  deps = actionDepsFor(client);
});

afterAll(async () => {
  await client?.close();
  await store?.cleanup();
  await Promise.all([on?.stop(), off?.stop()]);
  if (offData) await rm(offData, { recursive: true, force: true });
});

describe('a registry with deletes disabled', () => {
  it('is detected before confirming, and a delete gives the explained error and deletes nothing', async () => {
    const digest = seededOff['demo/shazam:latest']!;
    const source = { ...at(off, 'demo/shazam'), digest };
    const preview = value(await previewDelete(deps, source));
    expect(preview.support).toMatchObject({ manifests: 'disabled', tags: 'disabled' });
    expect(preview.tags).toEqual(['latest']);

    // The probe's answer is remembered per registry: opening the dialog again sends no DELETE.
    await off.clearAccessLog();
    const again = value(
      await previewDelete(deps, {
        ...at(off, 'demo/shazam'),
        digest: seededOff['demo/shazam:amd64']!,
      }),
    );
    expect(again.support).toMatchObject({ manifests: 'disabled', tags: 'disabled' });
    expect(countRequests(await off.accessLog(), { method: 'DELETE' })).toBe(0);
    // "Check again" asks the registry once more.
    value(await previewDelete(deps, source, { recheck: true }));
    expect(countRequests(await off.accessLog(), { method: 'DELETE', status: 405 })).toBe(1);

    await off.clearAccessLog();
    const f = failure(await deleteImage(deps, { ...source, seenTags: ['latest'] }));
    expect(f.code).toBe('DELETE_DISABLED');
    expect(f.message).toContain('storage.delete.enabled');
    expect(f.hint).toMatch(/REGISTRY_STORAGE_DELETE_ENABLED/);
    const log = await off.accessLog();
    expect(countRequests(log, { method: 'DELETE', status: 405 })).toBe(1);
    expect((await client.headManifest(source, digest))?.digest).toBe(digest);
    expect((await client.headManifest(source, 'latest'))?.digest).toBe(digest);
    expect([...(await client.listTags(source)).tags].sort()).toEqual([
      'amd64',
      'arm64',
      'armv7',
      'latest',
      'ppc64le',
      's390x',
    ]);

    const u = failure(
      await untagImage(deps, {
        ...at(off, 'demo/shazam'),
        tag: 'amd64',
        expectedDigest: seededOff['demo/shazam:amd64']!,
        allowPlaceholder: true,
      }),
    );
    expect(u.code).toBe('DELETE_DISABLED');
    expect((await client.headManifest(source, 'amd64'))?.digest).toBe(
      seededOff['demo/shazam:amd64'],
    );
    expect(listActivity({ registry: off.host })).toEqual([]);
  });
});

describe('deleting on distribution 2.8 with deletes enabled', () => {
  it('shows every tag on the digest and the children left without a tag, then deletes the list and keeps its children', async () => {
    const digest = seededOn['demo/shazam:latest']!;
    const repo = at(on, 'del/shazam');
    await client.copyManifest(at(on, 'demo/shazam'), repo, digest, { tags: ['one', 'two'] });
    await client.copyManifest(at(on, 'demo/shazam'), repo, seededOn['demo/shazam:amd64']!, {
      tags: ['amd64'],
    });
    const preview = value(await previewDelete(deps, { ...repo, digest }));
    expect(preview.support).toEqual({ manifests: 'enabled', tags: 'unsupported' });
    expect(preview.tags).toEqual(['one', 'two']);
    expect(preview.children).toHaveLength(5);
    const amd64 = preview.children.find((c) => c.digest === seededOn['demo/shazam:amd64']);
    expect(amd64).toMatchObject({ tags: ['amd64'], orphaned: false, label: 'linux/amd64' });
    expect(preview.children.filter((c) => c.orphaned)).toHaveLength(4);

    // A tag the user did not see appears on the digest: nothing is deleted.
    await client.putManifest(
      repo,
      'three',
      (await client.getManifest(repo, digest)).parsed.raw,
      (await client.getManifest(repo, digest)).parsed.mediaType,
    );
    const conflict = failure(await deleteImage(deps, { ...repo, digest, seenTags: preview.tags }));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toContain(':three');
    expect((await client.headManifest(repo, digest))?.digest).toBe(digest);

    const done = value(
      await deleteImage(deps, { ...repo, digest, seenTags: ['one', 'two', 'three'] }),
    );
    expect(done.tagsRemoved).toEqual(['one', 'three', 'two']);
    expect(done.children).toHaveLength(5);
    expect(done.children.every((c) => c.exists)).toBe(true);
    expect(await client.headManifest(repo, digest)).toBeUndefined();
    for (const t of ['one', 'two', 'three'])
      expect(await client.headManifest(repo, t)).toBeUndefined();
    for (const c of preview.children)
      expect((await client.headManifest(repo, c.digest))?.digest).toBe(c.digest);
    expect(
      listActivity({ ...repo, action: 'delete' })
        .map((r) => r.tag)
        .sort(),
    ).toEqual(['one', 'three', 'two']);

    const again = failure(await deleteImage(deps, { ...repo, digest }));
    expect(again.code).toBe('MANIFEST_UNKNOWN');
  });

  it('deletes a single image by digest', async () => {
    const digest = seededOn['demo/single:1.0']!;
    const repo = at(on, 'del/single');
    await client.copyManifest(at(on, 'demo/single'), repo, digest, { tags: ['1.0'] });
    const preview = value(await previewDelete(deps, { ...repo, digest }));
    expect(preview).toMatchObject({ isIndex: false, tags: ['1.0'], children: [] });
    expect(
      value(await deleteImage(deps, { ...repo, digest, seenTags: ['1.0'] })).tagsRemoved,
    ).toEqual(['1.0']);
    expect(await client.headManifest(repo, digest)).toBeUndefined();
  });

  it('untags only: distribution cannot delete a tag, so the placeholder method removes just that tag', async () => {
    const digest = seededOn['demo/shazam:latest']!;
    const repo = at(on, 'untag/shazam');
    await client.copyManifest(at(on, 'demo/shazam'), repo, digest, { tags: ['keep', 'drop'] });

    const refused = failure(
      await untagImage(deps, { ...repo, tag: 'drop', expectedDigest: digest }),
    );
    expect(refused.code).toBe('UNSUPPORTED');
    expect((await client.headManifest(repo, 'drop'))?.digest).toBe(digest);

    const moved = failure(
      await untagImage(deps, {
        ...repo,
        tag: 'drop',
        expectedDigest: seededOn['demo/shazam:amd64']!,
        allowPlaceholder: true,
      }),
    );
    expect(moved.code).toBe('CONFLICT');
    expect((await client.headManifest(repo, 'drop'))?.digest).toBe(digest);

    const done = value(
      await untagImage(deps, {
        ...repo,
        tag: 'drop',
        expectedDigest: digest,
        allowPlaceholder: true,
      }),
    );
    expect(done.method).toBe('placeholder');
    expect(await client.headManifest(repo, 'drop')).toBeUndefined();
    expect((await client.headManifest(repo, 'keep'))?.digest).toBe(digest);
    expect((await client.headManifest(repo, digest))?.digest).toBe(digest);
    expect(
      done.placeholderDigest && (await client.headManifest(repo, done.placeholderDigest)),
    ).toBeUndefined();
    expect((await client.listTags(repo)).tags).toEqual(['keep']);
    expect(listActivity({ ...repo, tag: 'drop' })[0]).toMatchObject({
      action: 'untag',
      digestBefore: digest,
      digestAfter: null,
    });
  });
});
