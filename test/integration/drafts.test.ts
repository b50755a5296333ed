import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  addToDraft,
  annotateInDraft,
  createDraft,
  deleteDraft,
  duplicateDraft,
  getDraftView,
  listDrafts,
  moveInDraft,
  previewDraft,
  removeFromDraft,
  resolveForDraft,
  updateDraftSettings,
  validateDraftForPush,
  type DraftDeps,
} from '@/lib/drafts';
import type { RegistryClient } from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import { depsFor, draftWith, openTestStore, type StoreHandle } from './push-setup';

let reg: StartedRegistry;
let seeded: Record<string, string>;
let client: RegistryClient;
let deps: DraftDeps;
let store: StoreHandle;

beforeAll(async () => {
  reg = await startRegistry({ variant: 'plain' });
  seeded = await seedDemo({ url: reg.url });
  client = clientFor([reg]);
  store = await openTestStore();
  deps = depsFor(client, reg.host);
});

afterAll(async () => {
  await client?.close();
  await reg?.stop();
  await store?.cleanup();
});

function unwrap<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('drafts against a real registry', () => {
  it('starts from an existing list, keeping the digest it was based on and each entry’s source', async () => {
    const view = unwrap(
      await createDraft(deps, { name: 'from shazam', from: `${reg.host}/demo/shazam:latest` }),
    );
    expect(view.basedOn).toEqual({
      reference: `${reg.host}/demo/shazam:latest@${seeded['demo/shazam:latest']}`,
      digest: seeded['demo/shazam:latest'],
    });
    expect(view.format).toBe('docker');
    expect(view.entries.map((e) => e.label)).toEqual([
      'linux/amd64',
      'linux/arm64/v8',
      'linux/ppc64le',
      'linux/s390x',
      'linux/arm/v7',
    ]);
    expect(view.entries.every((e) => e.source === `${reg.host}/demo/shazam@${e.digest}`)).toBe(
      true,
    );
    expect(view.destinations).toEqual([`${reg.host}/demo/shazam:latest`]);
    expect(view.issues).toEqual([]);

    // Unchanged content: the preview shows what the tag holds and the (formatting-only or empty) diff.
    const preview = unwrap(await previewDraft(deps, view.id, [`${reg.host}/demo/shazam:latest`]));
    expect(preview.destinations[0]?.currentDigest).toBe(seeded['demo/shazam:latest']);
    expect(preview.index.size).toBe(new TextEncoder().encode(preview.index.json).byteLength);
    expect(preview.canPush).toBe(true);

    // The draft remembers where it is meant to go from the preview on, not only after a push.
    unwrap(await previewDraft(deps, view.id, [`${reg.host}/demo/elsewhere:v2`]));
    expect(unwrap(getDraftView(view.id)).destinations).toEqual([`${reg.host}/demo/elsewhere:v2`]);
  });

  it('adds a single image with the platform from its config, or chosen platforms of a list with their attestations', async () => {
    const draft = unwrap(await createDraft(deps, { name: 'mixed' }));
    expect(draft.format).toBe('oci');
    const arm = unwrap(await addToDraft(deps, draft.id, { reference: 'demo/shazam:arm64' }));
    expect(arm.draft.entries[0]).toMatchObject({
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      source: `${reg.host}/demo/shazam:arm64@${seeded['demo/shazam:arm64']}`,
    });

    const win = unwrap(
      await addToDraft(deps, draft.id, { reference: `${reg.host}/demo/windows:ltsc2022` }),
    );
    expect(win.draft.entries.some((e) => e.platform?.['os.version'] === '10.0.20348.2227')).toBe(
      true,
    );

    const offered = unwrap(await resolveForDraft(deps, `${reg.host}/demo/buildkit:latest`));
    expect(offered.kind).toBe('index');
    const amd64 = offered.candidates.find(
      (c) => !c.attestation && c.platform?.architecture === 'amd64',
    )!;
    const added = unwrap(
      await addToDraft(deps, draft.id, {
        reference: `${reg.host}/demo/buildkit:latest`,
        platforms: [amd64.digest],
        replace: true,
      }),
    );
    // The attestation follows its image and is listed after the runnable entries.
    const attestation = added.draft.entries.find((e) => e.attestationFor === amd64.digest);
    expect(attestation?.label).toBe('attestation for linux/amd64');
    expect(added.draft.entries.at(-1)?.digest).toBe(attestation?.digest);
    expect(added.added).toEqual([amd64.digest, attestation?.digest]);
    // replace: the Windows list's linux/amd64 was replaced by buildkit's linux/amd64.
    expect(added.draft.issues.filter((i) => i.code === 'DUPLICATE_PLATFORM')).toEqual([]);

    // Removing the image removes its attestation.
    const removed = unwrap(removeFromDraft(draft.id, amd64.digest));
    expect(removed.entries.some((e) => e.attestation)).toBe(false);
  });

  it('sets platform fields and annotations by hand, moves entries, flags annotations on a Docker list', async () => {
    const draft = await draftWith(deps, 'hand', [`${reg.host}/demo/shazam:amd64`]);
    const added = unwrap(
      await addToDraft(deps, draft.id, {
        reference: `${reg.host}/demo/shazam:armv7`,
        platform: { variant: 'v6', 'os.features': ['sse4'], 'os.version': '1.0' },
        annotations: { 'org.example.note': 'hand-set' },
      }),
    );
    const armv = added.draft.entries[1]!;
    expect(armv.platform).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v6',
      'os.version': '1.0',
      'os.features': ['sse4'],
    });
    expect(armv.annotations).toEqual({ 'org.example.note': 'hand-set' });

    const moved = unwrap(moveInDraft(draft.id, armv.digest, 0));
    expect(moved.entries.map((e) => e.label)[0]).toBe('linux/arm/v6 (1.0)');

    const cleared = unwrap(annotateInDraft(draft.id, armv.digest, { platform: { os: '' } }));
    expect(cleared.entries[0]?.issues.map((i) => i.code)).toContain('MISSING_OS');
    unwrap(annotateInDraft(draft.id, armv.digest, { platform: { os: 'linux' } }));

    const docker = unwrap(
      updateDraftSettings(draft.id, {
        format: 'docker',
        annotations: { 'org.opencontainers.image.title': 'x' },
      }),
    );
    expect(docker.canPush).toBe(false);
    expect(
      docker.issues.filter((i) => i.code === 'DOCKER_ANNOTATIONS').map((i) => i.entry ?? 'index'),
    ).toEqual(['index', armv.digest]);
    const oci = unwrap(updateDraftSettings(draft.id, { format: 'oci' }));
    expect(oci.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(oci.annotations).toEqual({ 'org.opencontainers.image.title': 'x' });
  });

  it('finds sources that no longer exist (HEAD each source) and shows them on their entry', async () => {
    const view = unwrap(
      await createDraft(deps, { name: 'broken', from: `${reg.host}/demo/broken:latest` }),
    );
    expect(view.issues).toEqual([]);
    const checked = unwrap(await validateDraftForPush(deps, view.id));
    expect(checked.sourcesChecked).toBe(true);
    const missing = checked.entries.find((e) => e.issues.some((i) => i.code === 'SOURCE_MISSING'));
    expect(missing?.label).toBe('linux/arm64/v8');
    expect(checked.canPush).toBe(false);
  });

  it('prefills the destinations a new draft is given, empty or from a list (Make a list from these)', async () => {
    const dest = `${reg.host}/demo/made:1.0`;
    expect(
      unwrap(await createDraft(deps, { name: 'made', destinations: [dest] })).destinations,
    ).toEqual([dest]);
    expect(unwrap(await createDraft(deps, { name: 'plain' })).destinations).toEqual([]);
    const fromList = unwrap(
      await createDraft(deps, {
        name: 'from list',
        from: `${reg.host}/demo/shazam:latest`,
        destinations: [dest],
      }),
    );
    expect(fromList.destinations).toEqual([dest]);
  });

  it('renames, duplicates, lists and deletes drafts; bad references fail as values', async () => {
    const a = unwrap(await createDraft(deps, { name: 'original' }));
    expect((await createDraft(deps, { name: '  ' })).ok).toBe(false);
    const renamed = unwrap(updateDraftSettings(a.id, { name: 'renamed' }));
    expect(renamed.name).toBe('renamed');
    expect(renamed.revision).toBe(a.revision + 1);
    const copy = unwrap(duplicateDraft(a.id));
    expect(copy.name).toBe('renamed (copy)');
    // Made outside a request, they have no owner: an admin sees them.
    const admin = { id: 'local', groups: [], admin: true, can: () => true };
    expect(listDrafts(admin).map((d) => d.id)).toEqual(expect.arrayContaining([a.id, copy.id]));
    expect(unwrap(deleteDraft(a.id))).toEqual({ deleted: true });
    const gone = getDraftView(a.id);
    expect(gone.ok ? 'ok' : gone.code).toBe('DRAFT_NOT_FOUND');

    const bad = await addToDraft(deps, copy.id, { reference: 'Not A Reference' });
    expect(bad.ok ? 'ok' : bad.fieldErrors?.reference?.[0]).toMatch(/Invalid reference/);
    const unknown = await addToDraft(deps, copy.id, { reference: `${reg.host}/demo/shazam:nope` });
    expect(unknown.ok ? 'ok' : unknown.code).toBe('MANIFEST_UNKNOWN');
    const stale = updateDraftSettings(copy.id, { name: 'x', revision: copy.revision - 1 });
    expect(stale.ok ? 'ok' : stale.code).toBe('REVISION_CONFLICT');
  });

  it('gives an empty draft with no chosen format the Docker format when its first images are Docker, and keeps a chosen one', async () => {
    const auto = unwrap(await createDraft(deps, { name: 'auto' }));
    expect(auto).toMatchObject({ format: 'oci', formatChosen: false });
    const first = unwrap(
      await addToDraft(deps, auto.id, { reference: `${reg.host}/demo/shazam:amd64` }),
    );
    expect(first.draft.entries[0]?.mediaType).toBe(
      'application/vnd.docker.distribution.manifest.v2+json',
    );
    expect(first.draft.format).toBe('docker');
    expect(first.draft.issues.filter((i) => i.code === 'MIXED_MEDIA_TYPES')).toEqual([]);
    // Only the first images decide: later additions do not switch the format back and forth.
    unwrap(removeFromDraft(auto.id, first.draft.entries[0]!.digest));
    expect(unwrap(getDraftView(auto.id)).format).toBe('docker');

    const chosen = unwrap(await createDraft(deps, { name: 'chosen oci', format: 'oci' }));
    expect(chosen.formatChosen).toBe(true);
    expect(
      unwrap(await addToDraft(deps, chosen.id, { reference: `${reg.host}/demo/shazam:amd64` }))
        .draft.format,
    ).toBe('oci');

    const picked = unwrap(await createDraft(deps, { name: 'picked later' }));
    expect(unwrap(updateDraftSettings(picked.id, { format: 'oci' })).formatChosen).toBe(true);
    expect(
      unwrap(await addToDraft(deps, picked.id, { reference: `${reg.host}/demo/shazam:arm64` }))
        .draft.format,
    ).toBe('oci');
    // A duplicate keeps whether the format was chosen.
    expect(unwrap(duplicateDraft(auto.id)).formatChosen).toBe(false);
    // Starting from a single Docker image follows it too; starting from a list keeps the list's format.
    expect(
      unwrap(await createDraft(deps, { name: 'from image', from: `${reg.host}/demo/shazam:s390x` }))
        .format,
    ).toBe('docker');
  });
});
