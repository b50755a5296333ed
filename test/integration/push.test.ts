import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  addToDraft,
  createDraft,
  getDraftView,
  previewDraft,
  removeFromDraft,
  startDraftPush,
  type DraftDeps,
} from '@/lib/drafts';
import { draftSubject } from '@/lib/drafts/push';
import { latestJob, waitForJob } from '@/lib/jobs';
import { pushIndex, type PushStep, type RegistryClient, type PushResult } from '@/lib/registry';
import { listActivity } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import { blobGets } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor, skopeoCopyAll } from '@/test/support/registry-client';

import {
  depsFor,
  draftWith,
  openTestStore,
  previewExpectations,
  type StoreHandle,
} from './push-setup';

let src: StartedRegistry;
let second: StartedRegistry;
let client: RegistryClient;
let deps: DraftDeps;
let store: StoreHandle;
let tmp: string;

const SAFE_MODE_TAGS = ['amd64', 's390x', 'ppc64le', 'arm64'];

beforeAll(async () => {
  [src, second] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'plain' }),
  ]);
  await seedDemo({ url: src.url });
  client = clientFor([src, second]);
  store = await openTestStore();
  deps = depsFor(client, src.host);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'manifold-push-'));
});

afterAll(async () => {
  await client?.close();
  await Promise.all([src?.stop(), second?.stop()]);
  await store?.cleanup();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Returns every manifest and blob digest under a manifest of a repository (children, configs, layers). */
async function contentsOf(
  reg: StartedRegistry,
  repository: string,
  reference: string,
): Promise<{ manifests: string[]; blobs: string[]; layers: string[] }> {
  const repo = { registry: reg.host, repository };
  const manifests: string[] = [];
  const blobs = new Set<string>();
  const layers = new Set<string>();
  const visit = async (ref: string): Promise<void> => {
    const { parsed } = await client.getManifest(repo, ref);
    manifests.push(parsed.digest);
    if (parsed.kind === 'index') for (const c of parsed.manifests) await visit(c.digest);
    else {
      blobs.add(parsed.config.digest);
      for (const l of parsed.layers) {
        blobs.add(l.digest);
        layers.add(l.digest);
      }
    }
  };
  await visit(reference);
  return { manifests, blobs: [...blobs], layers: [...layers] };
}

describe('push a draft with its contents', () => {
  it('within one registry: children mounted, no layer downloaded, index pushed last, activity logged', async () => {
    const draft = await draftWith(
      deps,
      'shazam',
      SAFE_MODE_TAGS.map((t) => `${src.host}/demo/shazam:${t}`),
    );
    expect(draft.entries.map((e) => e.label)).toEqual([
      'linux/amd64',
      'linux/s390x',
      'linux/ppc64le',
      'linux/arm64/v8',
    ]);
    const dest = `${src.host}/demo/shazam-made:latest`;
    const expectations = await previewExpectations(deps, draft.id, [dest]);
    expect(expectations.destinations).toEqual([{ reference: dest, expectedDigest: null }]);

    await src.clearAccessLog();
    const started = await startDraftPush(deps, draft.id, expectations);
    expect(started.ok, started.ok ? '' : started.message).toBe(true);
    if (!started.ok) return;
    const job = await waitForJob<unknown, PushResult>(started.value.job.id, 60_000);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.result?.digest).toBe(expectations.indexDigest);

    const log = await src.accessLog();
    expect(blobGets(log)).toEqual([]);
    // The children go at once and share their blob work: the base layer all four carry is
    // mounted once, not once per child. The repository is new (its tag list said NAME_UNKNOWN),
    // so nothing in it is asked for with a HEAD first.
    const inMade = log.filter((e) => e.repository === 'demo/shazam-made');
    expect(inMade.filter((e) => e.method === 'HEAD' && e.kind !== 'manifest')).toEqual([]);
    expect(inMade.filter((e) => e.method === 'HEAD' && e.digest !== undefined)).toEqual([]);
    const blobs = new Set<string>();
    for (const child of draft.entries) {
      const { parsed } = await client.getManifest(
        { registry: src.host, repository: 'demo/shazam' },
        child.digest,
      );
      if (parsed.kind !== 'image') throw new Error('expected an image');
      for (const d of [parsed.config, ...parsed.layers]) blobs.add(d.digest);
    }
    const mounts = inMade.filter((e) => e.kind === 'upload' && e.method === 'POST');
    expect(blobs.size).toBeGreaterThan(draft.entries.length);
    expect(mounts.length).toBe(blobs.size);
    // Children before the index: the last write is the index under its tag.
    const puts = log.filter(
      (e) => e.method === 'PUT' && e.kind === 'manifest' && e.repository === 'demo/shazam-made',
    );
    expect(puts.length).toBe(5);
    expect(puts.at(-1)?.path).toBe('/v2/demo/shazam-made/manifests/latest');

    const made = await contentsOf(src, 'demo/shazam-made', 'latest');
    expect(made.manifests[0]).toBe(expectations.indexDigest);
    for (const child of draft.entries) {
      expect(
        await client.headManifest(
          { registry: src.host, repository: 'demo/shazam-made' },
          child.digest,
        ),
      ).toBeDefined();
    }
    // Every step is visible in the job's progress: one check, four children, their blobs, one index.
    const steps = job.progress.steps;
    expect(steps.filter((s) => s.kind === 'manifest').every((s) => s.status === 'done')).toBe(true);
    expect(steps.filter((s) => s.kind === 'blob').length).toBeGreaterThanOrEqual(8);
    expect(steps.find((s) => s.kind === 'index')?.status).toBe('done');
    expect(latestJob(draftSubject(draft.id))?.id).toBe(job.id);

    const activity = listActivity({
      registry: src.host,
      repository: 'demo/shazam-made',
      tag: 'latest',
    });
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({
      action: 'push',
      digestBefore: null,
      digestAfter: expectations.indexDigest,
      jobId: job.id,
    });

    // Remove s390x and push again over the tag the preview shows.
    const s390x = draft.entries.find((e) => e.label === 'linux/s390x')!;
    expect(removeFromDraft(draft.id, s390x.digest).ok).toBe(true);
    const again = await previewExpectations(deps, draft.id, [dest]);
    expect(again.destinations[0]?.expectedDigest).toBe(expectations.indexDigest);
    const second = await startDraftPush(deps, draft.id, again);
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const job2 = await waitForJob<unknown, PushResult>(second.value.job.id, 60_000);
    expect(job2.status, JSON.stringify(job2.error)).toBe('succeeded');
    expect(job2.result?.children).toEqual({ copied: 0, skipped: 3 });
    const after = await client.getManifest(
      { registry: src.host, repository: 'demo/shazam-made' },
      'latest',
    );
    expect(
      after.parsed.kind === 'index' && after.parsed.manifests.map((m) => m.platform?.architecture),
    ).toEqual(['amd64', 'ppc64le', 'arm64']);
    const log2 = listActivity({
      registry: src.host,
      repository: 'demo/shazam-made',
      tag: 'latest',
    });
    expect(log2[0]).toMatchObject({
      digestBefore: expectations.indexDigest,
      digestAfter: again.indexDigest,
    });
  });

  it('to a second registry: streams every blob, and skopeo copy --all reads the result', async () => {
    const draft = await draftWith(deps, 'cross', [
      `${src.host}/demo/shazam:amd64`,
      `${src.host}/demo/shazam:arm64`,
    ]);
    const dest = `${second.host}/mirror/shazam:v1`;
    const expectations = await previewExpectations(deps, draft.id, [dest]);
    const started = await startDraftPush(deps, draft.id, expectations);
    if (!started.ok) throw new Error(started.message);
    const job = await waitForJob<unknown, PushResult>(started.value.job.id, 60_000);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.result?.bytesUploaded).toBeGreaterThan(0);
    expect(job.result?.blobs.mounted).toBe(0);

    const expected = await contentsOf(src, 'demo/shazam', 'amd64');
    const arm = await contentsOf(src, 'demo/shazam', 'arm64');
    for (const digest of [...expected.blobs, ...arm.blobs]) {
      expect(
        await client.headBlob({ registry: second.host, repository: 'mirror/shazam' }, digest),
        digest,
      ).toBeDefined();
    }
    await skopeoCopyAll(`${second.host}/mirror/shazam:v1`, path.join(tmp, 'cross'));
  });

  it('pushes to several destination tags in one job: every repository gets the children, every tag the index and its log row', async () => {
    const draft = await draftWith(deps, 'multi', [
      `${src.host}/demo/shazam:amd64`,
      `${src.host}/demo/shazam:arm64`,
    ]);
    const dests = [
      `${src.host}/multi/one:a`,
      `${src.host}/multi/one:b`,
      `${second.host}/multi/two:c`,
    ];
    const expectations = await previewExpectations(deps, draft.id, dests);
    expect(expectations.destinations.map((d) => d.reference)).toEqual(dests);
    const started = await startDraftPush(deps, draft.id, expectations);
    if (!started.ok) throw new Error(started.message);
    const job = await waitForJob<unknown, PushResult>(started.value.job.id, 60_000);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.result?.destinations.map((d) => [d.reference, d.digestAfter])).toEqual(
      dests.map((d) => [d, expectations.indexDigest]),
    );
    // One index step per tag; children once per destination repository (two repositories).
    expect(job.progress.steps.filter((s) => s.kind === 'index').map((s) => s.status)).toEqual([
      'done',
      'done',
      'done',
    ]);
    expect(job.progress.steps.filter((s) => s.kind === 'manifest')).toHaveLength(4);
    for (const [host, repository, tag] of [
      [src.host, 'multi/one', 'a'],
      [src.host, 'multi/one', 'b'],
      [second.host, 'multi/two', 'c'],
    ] as const) {
      expect((await client.headManifest({ registry: host, repository }, tag))?.digest).toBe(
        expectations.indexDigest,
      );
      for (const child of draft.entries)
        expect(
          await client.headManifest({ registry: host, repository }, child.digest),
          child.digest,
        ).toBeDefined();
      expect(listActivity({ registry: host, repository, tag })[0]).toMatchObject({
        action: 'push',
        digestBefore: null,
        digestAfter: expectations.indexDigest,
        jobId: job.id,
      });
    }
  });

  it('stops with CONFLICT and writes nothing when the tag moved after the preview; force overwrites', async () => {
    const draft = await draftWith(deps, 'conflict', [
      `${src.host}/demo/shazam:amd64`,
      `${src.host}/demo/shazam:ppc64le`,
    ]);
    const dest = `${src.host}/demo/conflict:latest`;
    const expectations = await previewExpectations(deps, draft.id, [dest]);
    expect(expectations.destinations[0]?.expectedDigest).toBeNull();

    // Someone else writes the tag after the preview.
    const other = await client.copyManifest(
      { registry: src.host, repository: 'demo/shazam' },
      { registry: src.host, repository: 'demo/conflict' },
      's390x',
      { tags: ['latest'] },
    );
    await src.clearAccessLog();
    const refused = await startDraftPush(deps, draft.id, expectations);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain(other.digest);
    expect(refused.details).toEqual({
      conflicts: [{ reference: dest, expected: null, actual: other.digest }],
    });
    const writes = (await src.accessLog()).filter((e) => e.method !== 'GET' && e.method !== 'HEAD');
    expect(writes).toEqual([]);
    expect(latestJob(draftSubject(draft.id))).toBeUndefined();
    const still = await client.headManifest(
      { registry: src.host, repository: 'demo/conflict' },
      'latest',
    );
    expect(still?.digest).toBe(other.digest);

    // A stale preview is refused too once the draft changes.
    const edited = await addToDraft(deps, draft.id, { reference: `${src.host}/demo/shazam:s390x` });
    expect(edited.ok).toBe(true);
    const stale = await startDraftPush(deps, draft.id, { ...expectations, force: true });
    expect(stale.ok ? 'ok' : stale.code).toBe('STALE_PREVIEW');

    // Overwrite explicitly.
    const fresh = await previewDraft(deps, draft.id, [dest]);
    if (!fresh.ok) throw new Error(fresh.message);
    expect(fresh.value.destinations[0]?.currentDigest).toBe(other.digest);
    expect(fresh.value.destinations[0]?.diff).toContain('s390x');
    const forced = await startDraftPush(deps, draft.id, {
      destinations: [{ reference: dest, expectedDigest: null }],
      force: true,
    });
    if (!forced.ok) throw new Error(forced.message);
    const job = await waitForJob(forced.value.job.id, 60_000);
    expect(job.status).toBe('succeeded');
    expect(
      listActivity({ registry: src.host, repository: 'demo/conflict', tag: 'latest' })[0],
    ).toMatchObject({
      digestBefore: other.digest,
      detail: expect.objectContaining({ forced: true }) as unknown,
    });
  });

  it('detects a tag that moved since the draft was based on it, and re-bases after pushing there', async () => {
    const based = { registry: src.host, repository: 'demo/based' };
    const original = await client.copyManifest(
      { registry: src.host, repository: 'demo/shazam' },
      based,
      'latest',
      { tags: ['latest'] },
    );
    const created = await createDraft(deps, {
      name: 'based',
      from: `${src.host}/demo/based:latest`,
    });
    if (!created.ok) throw new Error(created.message);
    const draft = created.value;
    expect(draft.basedOn?.digest).toBe(original.digest);
    const armv7 = draft.entries.find((e) => e.label === 'linux/arm/v7')!;
    expect(removeFromDraft(draft.id, armv7.digest).ok).toBe(true);

    // Someone else moves the tag after the draft was started from it.
    const moved = await client.copyManifest(
      { registry: src.host, repository: 'demo/shazam' },
      based,
      'amd64',
      { tags: ['latest'] },
    );
    const dest = `${src.host}/demo/based:latest`;
    const preview = await previewDraft(deps, draft.id, [dest]);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.value.destinations[0]).toMatchObject({
      currentDigest: moved.digest,
      expectedDigest: original.digest,
      movedSinceBasedOn: { basedOn: original.digest, current: moved.digest },
    });
    const expectations = await previewExpectations(deps, draft.id, [dest]);
    const refused = await startDraftPush(deps, draft.id, expectations);
    expect(refused.ok ? 'ok' : refused.details).toEqual({
      conflicts: [{ reference: dest, expected: original.digest, actual: moved.digest }],
    });

    const forced = await startDraftPush(deps, draft.id, { ...expectations, force: true });
    if (!forced.ok) throw new Error(forced.message);
    expect((await waitForJob(forced.value.job.id, 60_000)).status).toBe('succeeded');
    const rebased = getDraftView(draft.id);
    expect(rebased.ok && rebased.value.basedOn?.digest).toBe(expectations.indexDigest);
    const after = await previewDraft(deps, draft.id, [dest]);
    expect(after.ok && after.value.destinations[0]).toMatchObject({
      unchanged: true,
      expectedDigest: expectations.indexDigest,
    });
    expect(after.ok && after.value.destinations[0]?.movedSinceBasedOn).toBeUndefined();
  });

  it('refuses an empty draft and a draft with duplicate platforms, saying why', async () => {
    const empty = await createDraft(deps, { name: 'empty' });
    if (!empty.ok) throw new Error(empty.message);
    const dest = `${src.host}/demo/invalid:latest`;
    await src.clearAccessLog();
    const r1 = await startDraftPush(deps, empty.value.id, {
      destinations: [{ reference: dest, expectedDigest: null }],
    });
    expect(r1.ok ? 'ok' : r1.code).toBe('INVALID_DRAFT');
    expect(r1.ok ? '' : r1.message).toMatch(/no entries/);

    // demo/shazam:amd64 (Docker) and demo/shazam-oci:amd64 (OCI) are both linux/amd64.
    const dup = await draftWith(deps, 'dup', [
      `${src.host}/demo/shazam:amd64`,
      `${src.host}/demo/shazam-oci:amd64`,
    ]);
    const view = getDraftView(dup.id);
    if (!view.ok) throw new Error(view.message);
    const dupIssue = view.value.entries[1]?.issues.find((i) => i.code === 'DUPLICATE_PLATFORM');
    expect(dupIssue?.message).toContain('linux/amd64');
    expect(view.value.canPush).toBe(false);
    const r2 = await startDraftPush(deps, dup.id, {
      destinations: [{ reference: dest, expectedDigest: null }],
    });
    expect(r2.ok ? 'ok' : r2.code).toBe('INVALID_DRAFT');
    expect(r2.ok ? '' : r2.message).toContain('linux/amd64 is already provided by');
    const writes = (await src.accessLog()).filter((e) => e.method !== 'GET' && e.method !== 'HEAD');
    expect(writes).toEqual([]);
    expect(
      await client.headManifest({ registry: src.host, repository: 'demo/invalid' }, 'latest'),
    ).toBeUndefined();
  });

  it('a destination tag that moved before the job ran: the children are only read, nothing is written', async () => {
    const repo = { registry: src.host, repository: 'demo/moved-first' };
    const { parsed } = await client.getManifest({ ...repo, repository: 'demo/shazam' }, 'latest');
    if (parsed.kind !== 'index') throw new Error('expected a list');
    // Someone else put amd64 under the tag after the preview showed it empty.
    const amd64 = parsed.manifests[0]!;
    await client.copyManifest({ ...repo, repository: 'demo/shazam' }, repo, amd64, {
      tags: ['v1'],
    });
    await src.clearAccessLog();
    const steps = new Map<string, PushStep>();
    const err = await pushIndex(
      client,
      {
        index: { bytes: parsed.raw, mediaType: parsed.mediaType, digest: parsed.digest },
        children: parsed.manifests.map((d) => ({
          digest: d.digest,
          mediaType: d.mediaType,
          size: d.size,
          source: { registry: src.host, repository: 'demo/shazam' },
        })),
        destinations: [{ ...repo, tag: 'v1', expectedDigest: null }],
      },
      { onStep: (st) => steps.set(st.id, st) },
    ).then(
      () => undefined,
      (e: unknown) => e as { code: string },
    );
    expect(err?.code).toBe('CONFLICT');
    const log = await src.accessLog();
    const writes = log.filter((e) => e.method !== 'GET' && e.method !== 'HEAD');
    expect(writes).toEqual([]);
    expect(steps.get('check')?.status).toBe('failed');
    const children = [...steps.values()].filter((st) => st.kind === 'manifest');
    expect(children.length).toBe(parsed.manifests.length);
    expect(children.every((st) => st.status === 'skipped' || st.status === 'pending')).toBe(true);
    expect((await client.headManifest(repo, 'v1'))?.digest).toBe(amd64.digest);
  });
});
