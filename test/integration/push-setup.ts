/**
 * Shared setup of the draft and push integration tests: a private SQLite store, the push-draft
 * job kind bound to a test client, and small helpers around the draft service.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { expect } from 'vitest';

import {
  addToDraft,
  createDraft,
  previewDraft,
  type DraftDeps,
  type DraftView,
} from '@/lib/drafts';
import { registerPushDraftJob } from '@/lib/drafts/push';
import type { RegistryClient } from '@/lib/registry';
import { closeDb, openDb } from '@/lib/store';

export interface StoreHandle {
  dataDir: string;
  cleanup(): Promise<void>;
}

/** Returns a fresh data folder with the store opened on it. */
export async function openTestStore(prefix = 'manifold-drafts-'): Promise<StoreHandle> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  openDb(dataDir);
  return {
    dataDir,
    async cleanup() {
      closeDb();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Returns the draft deps for a client, registering the push-draft job kind with it. */
export function depsFor(client: RegistryClient, defaultRegistry: string): DraftDeps {
  registerPushDraftJob(() => client);
  return { client, defaultRegistry };
}

/** Returns a new draft holding the given references (each added like the add box does). */
export async function draftWith(
  deps: DraftDeps,
  name: string,
  references: string[],
): Promise<DraftView> {
  const created = await createDraft(deps, { name });
  if (!created.ok) throw new Error(created.message);
  let view = created.value;
  for (const reference of references) {
    const added = await addToDraft(deps, view.id, { reference });
    if (!added.ok) throw new Error(`${reference}: ${added.message}`);
    view = added.value.draft;
  }
  return view;
}

/** Returns the expected digests the preview shows per destination (what the push request carries). */
export async function previewExpectations(
  deps: DraftDeps,
  id: string,
  destinations: string[],
): Promise<{
  destinations: { reference: string; expectedDigest: string | null }[];
  revision: number;
  indexDigest: string;
}> {
  const preview = await previewDraft(deps, id, destinations);
  expect(preview.ok, preview.ok ? '' : preview.message).toBe(true);
  if (!preview.ok) throw new Error(preview.message);
  return {
    destinations: preview.value.destinations.map((d) => ({
      reference: d.reference,
      expectedDigest: d.expectedDigest,
    })),
    revision: preview.value.revision,
    indexDigest: preview.value.index.digest,
  };
}
